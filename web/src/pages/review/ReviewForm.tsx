import { Alert, Badge, Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowRight, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Appeal, Review, ReviewRequest } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { Card } from './Cards';
import { appealLook, reviewLook } from './look';
import { formatTimecode, parseTimecode } from './sync';

/** After a review is sent: where the next pending attempt is (null: none). */
export type NextState = { status: 'loading' } | { status: 'done'; attemptId: string | null } | { status: 'error' };

interface ReviewFormProps {
  review: Review;
  /** Why the attempt cannot be reviewed yet (still being written), if so. */
  blocked: string | null;
  onSend: (body: ReviewRequest) => void;
  sending: boolean;
  error: unknown;
  next: NextState | null;
  /** The link to an attempt of the queue (keeps its filter). */
  linkTo: (attemptId: string) => string;
}

/** Approved or Declined, with a comment, and Send; then on to the next session. */
export function ReviewForm({ review, blocked, onSend, sending, error, next, linkTo }: ReviewFormProps) {
  const [status, setStatus] = useState<string>(review.status === 'pending' ? '' : review.status);
  const [comment, setComment] = useState('');
  const current = reviewLook(review.status);
  const valid = status === 'approved' || status === 'declined';

  return (
    <Card
      title="Review"
      id="review-heading"
      actions={
        <Badge color={current.color} variant={review.status === 'pending' ? 'outline' : 'filled'} data-testid="review-status">
          {current.label}
        </Badge>
      }
    >
      <Stack gap="sm">
        {review.status !== 'pending' && (
          <Text size="sm" c="dimmed">
            {current.label} by {review.by ?? 'someone no longer in the organization'}
            {review.at ? ` on ${formatDateTime(review.at)}` : ''}
            {review.comment ? `: “${review.comment}”` : '.'}
          </Text>
        )}
        {blocked && (
          <Alert color="yellow" variant="light">
            {blocked}
          </Alert>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) onSend({ status, comment: comment.trim(), name_mismatch: false });
          }}
        >
          <Stack gap="sm">
            <Radio.Group label="Review status" value={status} onChange={setStatus} required>
              <Group gap="lg" mt={6}>
                <Radio value="approved" label="Approved" color="green" disabled={!!blocked} />
                <Radio value="declined" label="Declined" color="red" disabled={!!blocked} />
              </Group>
            </Radio.Group>
            <Textarea
              label="Comment"
              description="Kept with the review; the student sees it if results are released."
              placeholder={status === 'declined' ? 'Why the attempt is declined' : 'Optional'}
              autosize
              minRows={2}
              maxRows={6}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              disabled={!!blocked}
            />
            <ErrorAlert error={error} title="The review was not saved" />
            <Group justify="flex-end">
              <Button type="submit" leftSection={<IconSend size={16} aria-hidden />} loading={sending} disabled={!valid || !!blocked}>
                Send
              </Button>
            </Group>
          </Stack>
        </form>
        {next && (
          <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} title="Review sent" role="status">
            {next.status === 'loading' ? (
              <Text size="sm">Looking for the next session…</Text>
            ) : next.status === 'error' ? (
              <Group gap="sm">
                <Text size="sm">Could not find the next session.</Text>
                <Button component={Link} to="/review" size="xs" variant="default">
                  Back to the queue
                </Button>
              </Group>
            ) : next.attemptId ? (
              <Button component={Link} to={linkTo(next.attemptId)} size="xs" rightSection={<IconArrowRight size={14} aria-hidden />}>
                Next session
              </Button>
            ) : (
              <Group gap="sm">
                <Text size="sm">Queue is empty: every session has been reviewed.</Text>
                <Button component={Link} to="/review" size="xs" variant="default">
                  Back to the queue
                </Button>
              </Group>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

interface AppealProps {
  appeal: Appeal;
  onResolve: (status: 'upheld' | 'rejected', resolution: string) => void;
  pending: 'upheld' | 'rejected' | null;
  error: unknown;
}

/** The student's appeal: what they wrote, and Uphold or Reject with a resolution. */
export function AppealCard({ appeal, onResolve, pending, error }: AppealProps) {
  const [resolution, setResolution] = useState('');
  const [touched, setTouched] = useState(false);
  const look = appealLook(appeal.status);
  const missing = !resolution.trim();
  const resolve = (status: 'upheld' | 'rejected') => {
    setTouched(true);
    if (!missing) onResolve(status, resolution.trim());
  };
  return (
    <Card title="Appeal" id="appeal-heading" actions={<Badge color={look.color}>{look.label}</Badge>}>
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          The student wrote on {formatDateTime(appeal.created_at)}:
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="appeal-comment">
          “{appeal.comment}”
        </Text>
        {appeal.status === 'open' ? (
          <>
            <Textarea
              label="Resolution"
              description="The student sees it. Uphold approves the attempt (integrity 100); Reject keeps the review as it is."
              withAsterisk
              autosize
              minRows={2}
              value={resolution}
              onChange={(e) => setResolution(e.currentTarget.value)}
              error={touched && missing ? 'Write a resolution for the student.' : undefined}
            />
            <ErrorAlert error={error} title="The appeal was not resolved" />
            <Group justify="flex-end" gap="xs">
              <Button variant="light" color="gray" onClick={() => resolve('rejected')} loading={pending === 'rejected'} disabled={pending !== null}>
                Reject
              </Button>
              <Button color="green" onClick={() => resolve('upheld')} loading={pending === 'upheld'} disabled={pending !== null}>
                Uphold
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {look.label.replace('Appeal ', '').replace(/^./, (c) => c.toUpperCase())} by {appeal.resolved_by ?? 'a former member'}
            {appeal.resolved_at ? ` on ${formatDateTime(appeal.resolved_at)}` : ''}
            {appeal.resolution ? `: “${appeal.resolution}”` : '.'}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

interface MismatchProps {
  opened: boolean;
  name: string;
  onClose: () => void;
  onConfirm: (comment: string) => void;
  loading: boolean;
  error: unknown;
}

/** "Name does not match": declines the attempt and records an identity mismatch. */
export function NameMismatchModal({ opened, name, onClose, onConfirm, loading, error }: MismatchProps) {
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = !comment.trim();
  return (
    <Modal opened={opened} onClose={onClose} title="Name does not match" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!missing) onConfirm(comment.trim());
        }}
      >
        <Stack>
          <Text size="sm">
            The ID document does not show the registered name, <b>{name}</b>. The attempt will be <b>declined</b> and an identity
            mismatch flag recorded.
          </Text>
          <Textarea
            label="Comment"
            placeholder="What the ID shows instead"
            withAsterisk
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={touched && missing ? 'Say what does not match.' : undefined}
            data-autofocus
          />
          <ErrorAlert error={error} title="The review was not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={loading}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={loading}>
              Decline
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface WarningProps {
  opened: boolean;
  /** The paused player's time, in seconds on the review timeline. */
  at: number;
  /** The clock time of that moment, for the reader. */
  clock: (t: number) => string;
  onClose: () => void;
  onSave: (t: number, comment: string) => void;
  loading: boolean;
  error: unknown;
}

/** Add a warning at the paused moment (editable), with a required comment. */
export function WarningModal({ opened, at, clock, onClose, onSave, loading, error }: WarningProps) {
  const [time, setTime] = useState(formatTimecode(at));
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const t = parseTimecode(time);
  const missing = !comment.trim();
  return (
    <Modal opened={opened} onClose={onClose} title="Add warning" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!missing && t !== null) onSave(t, comment.trim());
        }}
      >
        <Stack>
          <TextInput
            label="At"
            description={t !== null ? `mm:ss on the review timeline · ${clock(t)} in the sitting` : 'mm:ss on the review timeline'}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            error={t === null ? 'Write the time as mm:ss.' : undefined}
            maw={360}
          />
          <Textarea
            label="Comment"
            placeholder="What you saw"
            withAsterisk
            autosize
            minRows={3}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={touched && missing ? 'Say why you warn.' : undefined}
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            The warning counts in the scores like a confirmed flag, and every reviewer sees it.
          </Text>
          <ErrorAlert error={error} title="The warning was not added" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={loading}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={loading}>
              Save warning
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
