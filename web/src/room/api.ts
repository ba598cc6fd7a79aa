/** The room camera's two calls (procta/live/room_router.py): pair, then send snapshots. */

export interface Pairing {
  token: string;
  exam_title: string;
  student_name: string;
  interval_s: number;
}

const enc = encodeURIComponent;

async function message(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `Error ${res.status}`;
  } catch {
    return `Error ${res.status}`;
  }
}

export async function pairPhone(attemptId: string, code: string): Promise<Pairing> {
  const res = await fetch(`/api/v1/room-sessions/${enc(attemptId)}/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!res.ok) throw new Error(await message(res));
  return (await res.json()) as Pairing;
}

export type SendOutcome = 'ok' | 'replaced' | 'over' | 'retry';

/** One JPEG of the room. `replaced`: a newer link paired another phone; `over`: the exam ended. */
export async function sendRoomSnapshot(attemptId: string, token: string, jpeg: Blob): Promise<SendOutcome> {
  const clientId = `room-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const res = await fetch(`/api/v1/room-sessions/${enc(attemptId)}/snapshots?client_id=${clientId}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg' },
      body: jpeg,
    });
    if (res.ok) return 'ok';
    if (res.status === 403 || res.status === 401) return 'replaced';
    if (res.status === 409) return 'over';
    return 'retry';
  } catch {
    return 'retry';
  }
}
