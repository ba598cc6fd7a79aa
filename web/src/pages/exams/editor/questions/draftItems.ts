/** The exam's item list while it is edited: fixed questions and random pools, in order. */
import type { ExamItem, ItemIn, Question, QuestionSummary } from '../../types';

export type DraftItem =
  | { key: string; kind: 'question'; question: QuestionSummary }
  | { key: string; kind: 'pool'; pool_tags: string[]; pool_count: number; matching_count: number | null };

let nextPool = 0;
function poolKey(): string {
  nextPool += 1;
  return `pool-${nextPool}`;
}

export function draftFromItems(items: ExamItem[]): DraftItem[] {
  return items.flatMap((item): DraftItem[] => {
    if (item.kind === 'question') {
      // A question erased from the bank leaves an empty slot: nothing to show or keep.
      return item.question ? [{ key: `q-${item.question.id}`, kind: 'question', question: item.question }] : [];
    }
    return [
      { key: poolKey(), kind: 'pool', pool_tags: item.pool_tags, pool_count: item.pool_count, matching_count: item.matching_count },
    ];
  });
}

export function questionItem(q: Question | QuestionSummary): DraftItem {
  return {
    key: `q-${q.id}`,
    kind: 'question',
    question: { id: q.id, type: q.type, stem: q.stem, points: q.points, tags: q.tags, deleted: false },
  };
}

export function poolItem(tags: string[], count: number): DraftItem {
  return { key: poolKey(), kind: 'pool', pool_tags: tags, pool_count: count, matching_count: null };
}

/** The body of PUT /exams/{id}/questions. */
export function itemsBody(items: DraftItem[]): ItemIn[] {
  return items.map((item) =>
    item.kind === 'question'
      ? { question_id: item.question.id, pool_tags: [], pool_count: 0 }
      : { question_id: null, pool_tags: item.pool_tags, pool_count: item.pool_count },
  );
}

/** Move the item at `index` one place up (-1) or down (+1); the same list when it cannot. */
export function moveItem<T>(items: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return items;
  const next = [...items];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

interface Totals {
  /** Questions each student gets. */
  questions: number;
  /** Points of the fixed questions. */
  points: number;
  /** Questions drawn from pools, whose points depend on the draw. */
  pooled: number;
}

export function totals(items: DraftItem[]): Totals {
  let points = 0;
  let fixed = 0;
  let pooled = 0;
  for (const item of items) {
    if (item.kind === 'question') {
      points += item.question.points;
      fixed += 1;
    } else {
      pooled += item.pool_count;
    }
  }
  return { questions: fixed + pooled, points, pooled };
}
