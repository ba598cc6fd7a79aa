import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import type { AppealResolveRequest, FlagDecision, ProctorFlag, ReviewRequest } from '../../api/types';
import { resultKeys } from '../results/api';
import { proctoringApi } from '../results/proctoring/api';
import { reviewApi, reviewKeys } from './api';

/**
 * Everything a reviewer changes on one attempt. Each changes the stored scores, so the
 * packet, the queue and every results view are refetched.
 */
export function useReviewActions(attemptId: string) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: reviewKeys.all }),
      qc.invalidateQueries({ queryKey: resultKeys.all }),
    ]);
  const failed = (title: string) => (err: unknown) =>
    notifications.show({ color: 'red', title, message: errorMessage(err) });

  const decide = useMutation({
    mutationFn: (v: { flag: ProctorFlag; decision: FlagDecision }) => proctoringApi.decide(v.flag.id, v.decision),
    onSuccess: refresh,
    onError: failed('Could not save the decision'),
  });
  /** Errors are shown in the warning's modal. */
  const addWarning = useMutation({
    mutationFn: (v: { at: string; comment: string }) => reviewApi.addWarning(attemptId, v.at, v.comment),
    onSuccess: refresh,
  });
  const removeWarning = useMutation({
    mutationFn: (flag: ProctorFlag) => reviewApi.removeWarning(attemptId, flag.id),
    onSuccess: refresh,
  });
  /** Errors are shown next to the form. */
  const review = useMutation({
    mutationFn: (body: ReviewRequest) => reviewApi.review(attemptId, body),
    onSuccess: refresh,
  });
  const appeal = useMutation({
    mutationFn: (body: AppealResolveRequest) => reviewApi.resolveAppeal(attemptId, body),
    onSuccess: refresh,
  });

  return { decide, addWarning, removeWarning, review, appeal };
}
