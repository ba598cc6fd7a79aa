/**
 * The attempt id and token that show a submitted attempt's result, kept in sessionStorage
 * (per exam) so that the submitted page still has them after a reload: the exam's stored
 * session, and its token, are deleted from IndexedDB when the exam ends.
 */

export interface ResultCredentials {
  attemptId: string;
  token: string;
}

export const resultAccessKey = (examId: string) => `procta:result:${examId}`;

/** Keep the credentials for this tab; storage that is full or blocked is not an error. */
export function rememberResultAccess(examId: string, credentials: Partial<ResultCredentials> | null | undefined): void {
  if (!examId || !credentials?.attemptId || !credentials.token) return;
  try {
    sessionStorage.setItem(
      resultAccessKey(examId),
      JSON.stringify({ attemptId: credentials.attemptId, token: credentials.token }),
    );
  } catch {
    // private mode, quota, storage disabled: the page works without it until a reload
  }
}

/** The credentials kept for this exam in this tab, if any. */
export function recallResultAccess(examId: string): ResultCredentials | null {
  if (!examId) return null;
  try {
    const raw = sessionStorage.getItem(resultAccessKey(examId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<ResultCredentials> | null;
    return value && typeof value.attemptId === 'string' && value.attemptId && typeof value.token === 'string' && value.token
      ? { attemptId: value.attemptId, token: value.token }
      : null;
  } catch {
    return null;
  }
}
