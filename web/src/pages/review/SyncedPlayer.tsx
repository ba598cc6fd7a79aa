import { ActionIcon, Box, Group, NativeSelect, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlayerPauseFilled, IconPlayerPlayFilled, IconVolume, IconVolumeOff } from '@tabler/icons-react';
import { useEffect, useImperativeHandle, useMemo, useReducer, useRef, useState, type CSSProperties, type ReactNode, type Ref } from 'react';
import type { ReviewRecording } from '../../api/types';
import { SyncClock, type TrackState } from './clock';
import { severityColor } from './look';
import classes from './Review.module.css';
import { formatTimecode, markers, span, timelineGaps, timelineLength, toTrack, type MarkerFlag, type Track } from './sync';

/** What the page may do with the player: the session log seeks it, Add warning pauses it. */
export interface PlayerHandle {
  seek: (t: number) => void;
  play: () => void;
  pause: () => void;
  /** The current second on the review timeline. */
  time: () => number;
}

const KINDS = [
  { kind: 'webcam', label: 'Webcam', colour: 'var(--mantine-color-blue-4)' },
  { kind: 'screen', label: 'Screen', colour: 'var(--mantine-color-teal-4)' },
] as const;

const SPEEDS = [
  { value: '1', label: '1×' },
  { value: '1.5', label: '1.5×' },
  { value: '2', label: '2×' },
  { value: '3', label: '3×' },
  { value: '4', label: '4×' },
];

const TICK_MS = 250;

interface Props {
  recordings: ReviewRecording[];
  timelineStart: string;
  flags: MarkerFlag[];
  /** More controls at the end of the control bar (Add warning). */
  actions?: ReactNode;
  ref?: Ref<PlayerHandle>;
}

interface Pane {
  kind: 'webcam' | 'screen';
  label: string;
  colour: string;
  recording: ReviewRecording | undefined;
  track: Track | undefined;
}

/**
 * The webcam and screen recordings side by side on one timeline: one control bar plays,
 * pauses, seeks and sets the speed of both, and keeps them in step.
 */
export function SyncedPlayer({ recordings, timelineStart, flags, actions, ref }: Props) {
  const panes: Pane[] = useMemo(
    () =>
      KINDS.map((k) => {
        const recording = recordings.find((r) => r.kind === k.kind);
        return { ...k, recording, track: recording ? toTrack(recording) : undefined };
      }),
    [recordings],
  );
  const tracks = panes.flatMap((p) => (p.track ? [p.track] : []));
  const length = Math.max(timelineLength(tracks), 1);

  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const clockRef = useRef<SyncClock | null>(null);
  if (clockRef.current === null) clockRef.current = new SyncClock(length, undefined, rerender);
  const clock = clockRef.current;
  clock.length = length;

  const [muted, setMuted] = useState(false);
  const [failed, setFailed] = useState<Record<string, boolean>>({});

  useEffect(() => {
    const id = window.setInterval(() => clock.tick(), TICK_MS);
    return () => window.clearInterval(id);
  }, [clock]);

  useImperativeHandle(
    ref,
    () => ({
      seek: (t) => clock.seek(t),
      play: () => clock.play(),
      pause: () => clock.pause(),
      time: () => clock.time(),
    }),
    [clock],
  );

  const t = clock.time();
  const marks = markers(flags, timelineStart, length);
  const progress = `${((t / length) * 100).toFixed(3)}%`;
  const gapNotes = panes.flatMap((p) =>
    p.track ? timelineGaps(p.track).map((g) => ({ key: `${p.kind}-${g.start_s}`, label: p.label, ...g })) : [],
  );

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {panes.map((p) => (
          <VideoPane
            key={p.kind}
            pane={p}
            state={p.track ? clock.state(p.kind) : 'out'}
            failed={!!failed[p.kind]}
            muted={muted}
            onElement={(el) => {
              if (el && p.track) clock.attach(p.kind, el, p.track);
              else clock.detach(p.kind);
            }}
            onSeeking={() => clock.onSeeking(p.kind)}
            onPlay={() => clock.onPlay(p.kind)}
            onPause={() => clock.onPause(p.kind)}
            onReady={() => {
              setFailed((f) => ({ ...f, [p.kind]: false }));
              clock.seek(clock.time());
            }}
            onFailed={() => setFailed((f) => ({ ...f, [p.kind]: true }))}
            clockTime={t}
          />
        ))}
      </SimpleGrid>

      <Stack gap={4}>
        <div className={classes.strip} style={{ height: 12 }}>
          {marks.map((m) => (
            <Tooltip key={m.id} label={`${formatTimecode(m.at)} · ${m.label}`} withArrow openDelay={150}>
              <button
                type="button"
                tabIndex={-1}
                aria-hidden
                className={classes.marker}
                style={{ left: `${m.left}%`, background: severityColor(m.severity) }}
                onClick={() => clock.seek(m.at)}
              />
            </Tooltip>
          ))}
        </div>
        {panes.map((p) =>
          p.track ? (
            <div key={p.kind} className={classes.strip}>
              <div className={classes.lane} title={`${p.label} recording`}>
                <div
                  className={classes.coverage}
                  style={{ ...toStyle(span(p.track.offset_s, p.track.offset_s + p.track.duration_s, length)), background: p.colour }}
                />
                {timelineGaps(p.track).map((g) => (
                  <div
                    key={g.start_s}
                    className={classes.gap}
                    style={toStyle(span(g.start_s, g.end_s, length))}
                    title={`${p.label} recording missing ${formatTimecode(g.start_s)}–${formatTimecode(g.end_s)}`}
                  />
                ))}
              </div>
            </div>
          ) : null,
        )}
        <input
          type="range"
          className={classes.range}
          min={0}
          max={length}
          step={0.1}
          value={Math.min(t, length)}
          aria-label="Review timeline"
          aria-valuetext={`${formatTimecode(t)} of ${formatTimecode(length)}`}
          style={{ '--progress': progress } as CSSProperties}
          onChange={(e) => clock.seek(Number(e.currentTarget.value))}
        />
      </Stack>

      <Group justify="space-between" gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ActionIcon
            size="lg"
            radius="xl"
            aria-label={clock.playing ? 'Pause' : 'Play'}
            onClick={() => clock.toggle()}
          >
            {clock.playing ? <IconPlayerPauseFilled size={18} aria-hidden /> : <IconPlayerPlayFilled size={18} aria-hidden />}
          </ActionIcon>
          <Text size="sm" ff="monospace" aria-live="off" data-testid="player-time" style={{ whiteSpace: 'nowrap' }}>
            {formatTimecode(t)} / {formatTimecode(length)}
          </Text>
          <NativeSelect
            size="xs"
            w={76}
            aria-label="Playback speed"
            data={SPEEDS}
            value={String(clock.rate)}
            onChange={(e) => clock.setRate(Number(e.currentTarget.value))}
          />
          <Tooltip label={muted ? 'Unmute' : 'Mute'} withArrow>
            <ActionIcon variant="default" size="lg" aria-label={muted ? 'Unmute' : 'Mute'} onClick={() => setMuted((m) => !m)}>
              {muted ? <IconVolumeOff size={16} aria-hidden /> : <IconVolume size={16} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        </Group>
        {actions}
      </Group>

      {gapNotes.length > 0 && (
        <Stack gap={2} role="note" aria-label="Recording gaps">
          {gapNotes.map((g) => (
            <Text key={g.key} size="xs" c="red.8">
              <span className={classes.swatch} style={{ background: 'repeating-linear-gradient(45deg, var(--mantine-color-red-6) 0 3px, var(--mantine-color-red-1) 3px 6px)', marginRight: 6 }} />
              {g.label} recording missing {formatTimecode(g.start_s)}–{formatTimecode(g.end_s)}: chunks never arrived. It plays up to the gap
              and picks up after it.
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function toStyle(s: { left: number; width: number }): CSSProperties {
  return { left: `${s.left}%`, width: `${s.width}%` };
}

interface PaneProps {
  pane: Pane;
  state: TrackState;
  failed: boolean;
  muted: boolean;
  clockTime: number;
  onElement: (el: HTMLVideoElement | null) => void;
  onSeeking: () => void;
  onPlay: () => void;
  onPause: () => void;
  onReady: () => void;
  onFailed: () => void;
}

function VideoPane({ pane, state, failed, muted, clockTime, onElement, onSeeking, onPlay, onPause, onReady, onFailed }: PaneProps) {
  const { recording, track, label } = pane;
  // The element is attached once per recording; later renders must not re-attach it.
  const attach = useRef(onElement);
  attach.current = onElement;
  const signature = `${recording?.url}|${JSON.stringify(track)}`;
  const videoRef = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    attach.current(videoRef.current);
    return () => attach.current(null);
  }, [signature]);

  let overlay: string | null = null;
  if (!recording || !track) overlay = `This attempt has no ${label.toLowerCase()} recording.`;
  else if (failed) overlay = `Could not load the ${label.toLowerCase()} recording.`;
  else if (state === 'out')
    overlay = clockTime < track.offset_s
      ? `No ${label.toLowerCase()} video at this moment: it starts at ${formatTimecode(track.offset_s)}.`
      : `No ${label.toLowerCase()} video at this moment: it ended at ${formatTimecode(track.offset_s + track.duration_s)}.`;
  else if (state === 'gap') overlay = `${label} recording missing here: chunks never arrived.`;

  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        {track && track.offset_s > 0.5 && (
          <Text size="xs" c="dimmed">
            starts at {formatTimecode(track.offset_s)}
          </Text>
        )}
      </Group>
      <Box className={classes.screen}>
        {recording && (
          <video
            ref={videoRef}
            className={classes.video}
            aria-label={`${label} recording`}
            src={recording.url}
            preload="auto"
            playsInline
            muted={muted}
            controls={false}
            onSeeking={onSeeking}
            onPlay={onPlay}
            onPause={onPause}
            onLoadedMetadata={onReady}
            onError={onFailed}
          />
        )}
        {overlay && (
          <div className={classes.overlay} data-testid={`${pane.kind}-placeholder`}>
            <Text size="sm">{overlay}</Text>
          </div>
        )}
      </Box>
    </Stack>
  );
}
