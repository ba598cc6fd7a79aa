/**
 * The camera, microphone and screen during a proctored exam: one object that opens them,
 * takes small JPEGs from a reused canvas, reads the microphone level from an AnalyserNode
 * and records short audio clips. Standard APIs only; FaceDetector (Chromium, behind a
 * flag) is used where it exists.
 *
 * Cost: no per-frame work. The <video> elements are not in the page (nothing is painted);
 * a frame is drawn only when a snapshot or a calibration sample is taken.
 */
import { meanLuma, poseFromLandmarks, rmsDb, type Pose } from './calibration';

export const SNAPSHOT_SIZE = { width: 320, height: 240, quality: 0.6 };
export const SCREEN_MAX_WIDTH = 960;
export const SCREEN_QUALITY = 0.5;
export const IDENTITY_SIZE = { width: 640, height: 480, quality: 0.85 };

export type DeviceProblem =
  | 'unsupported' // no getUserMedia / getDisplayMedia in this browser
  | 'denied' // the student (or a policy) refused
  | 'not_found' // no such device
  | 'busy' // used by another app
  | 'not_entire_screen' // a window or a tab was shared
  | 'failed';

export class DeviceError extends Error {
  constructor(
    readonly problem: DeviceProblem,
    message: string,
    readonly device: 'camera' | 'microphone' | 'screen' | null = null,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}

function deviceError(err: unknown, what: 'camera' | 'microphone' | 'screen'): DeviceError {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  const make = (problem: DeviceProblem, message: string) => new DeviceError(problem, message, what);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return make('denied', `Access to your ${what} was refused. Allow it in the browser's address bar, then retry.`);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return make('not_found', `No ${what} was found. Connect one, then retry.`);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return make('busy', `Your ${what} is in use by another app or cannot start. Close other apps that use it, then retry.`);
    default:
      return make('failed', `Your ${what} could not be started (${name || String(err)}).`);
  }
}

interface FaceDetectorLike {
  detect(source: CanvasImageSource): Promise<
    { boundingBox: DOMRectReadOnly; landmarks?: { type: string; locations: { x: number; y: number }[] }[] }[]
  >;
}

type FaceDetectorCtor = new (options?: { maxDetectedFaces?: number; fastMode?: boolean }) => FaceDetectorLike;

/** The browser's FaceDetector (Shape Detection API) if it has one. */
export function faceDetectorCtor(): FaceDetectorCtor | null {
  const ctor = (globalThis as { FaceDetector?: FaceDetectorCtor }).FaceDetector;
  return typeof ctor === 'function' ? ctor : null;
}

/** The first audio clip type this browser records that the server takes. */
export function clipType(): string | null {
  if (typeof MediaRecorder === 'undefined' || typeof MediaRecorder.isTypeSupported !== 'function') return null;
  for (const t of ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/ogg']) {
    if (MediaRecorder.isTypeSupported(t)) return t;
  }
  return null;
}

function newVideo(): HTMLVideoElement {
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.autoplay = true;
  return v;
}

function canvasBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/jpeg', quality));
}

export class MediaKit {
  camera: MediaStream | null = null;
  screen: MediaStream | null = null;
  private readonly cameraVideo = newVideo();
  private readonly screenVideo = newVideo();
  private readonly canvas = document.createElement('canvas');
  private probe: CanvasRenderingContext2D | null = null;
  private readonly probeCanvas = document.createElement('canvas');
  private audio: AudioContext | null = null;
  private analyser: AnalyserNode | null = null;
  private samples: Float32Array<ArrayBuffer> | null = null;
  private detector: FaceDetectorLike | null | undefined;
  private busy: Promise<unknown> = Promise.resolve();

  /** Camera and microphone in one stream. Resolves once the first frame can be drawn. */
  async openCamera(): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new DeviceError('unsupported', 'This browser cannot use a camera here. Use a recent Chrome, Edge or Firefox.');
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 10, max: 15 } },
        audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: false },
      });
    } catch (err) {
      // Retry for the camera alone, to tell the student which device is the problem.
      try {
        const video = await navigator.mediaDevices.getUserMedia({ video: true });
        video.getTracks().forEach((t) => t.stop());
      } catch (videoErr) {
        throw deviceError(videoErr, 'camera');
      }
      throw deviceError(err, 'microphone');
    }
    this.closeCamera();
    this.camera = stream;
    this.cameraVideo.srcObject = stream;
    await this.cameraVideo.play().catch(() => undefined);
    await this.firstFrame(this.cameraVideo);
    return stream;
  }

  /** The whole screen (where the exam asks for it). */
  async openScreen(): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getDisplayMedia) {
      throw new DeviceError('unsupported', 'This browser cannot share its screen. Use a recent Chrome, Edge or Firefox on a computer.');
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 1, max: 5 } }, audio: false });
    } catch (err) {
      throw deviceError(err, 'screen');
    }
    const [track] = stream.getVideoTracks();
    const surface = (track?.getSettings() as { displaySurface?: string } | undefined)?.displaySurface;
    if (surface && surface !== 'monitor') {
      stream.getTracks().forEach((t) => t.stop());
      throw new DeviceError('not_entire_screen', 'You shared a window or a tab. Share your entire screen instead.');
    }
    this.closeScreen();
    this.screen = stream;
    this.screenVideo.srcObject = stream;
    await this.screenVideo.play().catch(() => undefined);
    await this.firstFrame(this.screenVideo);
    return stream;
  }

  private async firstFrame(video: HTMLVideoElement, timeoutMs = 4000): Promise<void> {
    const started = Date.now();
    while (video.videoWidth === 0 && Date.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  get videoTrack(): MediaStreamTrack | null {
    return this.camera?.getVideoTracks()[0] ?? null;
  }

  get audioTrack(): MediaStreamTrack | null {
    return this.camera?.getAudioTracks()[0] ?? null;
  }

  get screenTrack(): MediaStreamTrack | null {
    return this.screen?.getVideoTracks()[0] ?? null;
  }

  /** The camera is live and gives pictures. */
  get cameraLive(): boolean {
    const t = this.videoTrack;
    return !!t && t.readyState === 'live' && this.cameraVideo.videoWidth > 0;
  }

  /** The live camera element, for a preview the page shows (it is not in the page itself). */
  get cameraElement(): HTMLVideoElement {
    return this.cameraVideo;
  }

  /** Start the level meter; call from a click (browsers start audio only after a gesture). */
  async startAudio(): Promise<boolean> {
    const track = this.audioTrack;
    if (!track) return false;
    const Ctx =
      globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return false;
    if (!this.audio) {
      this.audio = new Ctx();
      const analyser = this.audio.createAnalyser();
      analyser.fftSize = 2048;
      this.audio.createMediaStreamSource(new MediaStream([track])).connect(analyser);
      this.analyser = analyser;
      this.samples = new Float32Array(new ArrayBuffer(analyser.fftSize * 4));
    }
    if (this.audio.state === 'suspended') await this.audio.resume().catch(() => undefined);
    return this.audio.state === 'running';
  }

  /** The microphone level now (dBFS), or null without a running meter. */
  level(): number | null {
    if (!this.analyser || !this.samples || this.audio?.state !== 'running') return null;
    this.analyser.getFloatTimeDomainData(this.samples);
    return rmsDb(this.samples);
  }

  /** Mean brightness (0–255) of the current camera frame, from a 64×48 copy. */
  brightness(): number | null {
    const v = this.cameraVideo;
    if (!v.videoWidth) return null;
    if (!this.probe) {
      this.probeCanvas.width = 64;
      this.probeCanvas.height = 48;
      this.probe = this.probeCanvas.getContext('2d', { willReadFrequently: true });
    }
    if (!this.probe) return null;
    this.probe.drawImage(v, 0, 0, 64, 48);
    return meanLuma(this.probe.getImageData(0, 0, 64, 48).data);
  }

  /** The face in the current frame: width / frame width and a rough pose; null: none
   * found; undefined: this browser cannot tell. */
  async face(): Promise<{ size: number; pose: Pose | null } | null | undefined> {
    if (this.detector === undefined) {
      const Ctor = faceDetectorCtor();
      try {
        this.detector = Ctor ? new Ctor({ maxDetectedFaces: 2, fastMode: true }) : null;
      } catch {
        this.detector = null;
      }
    }
    const v = this.cameraVideo;
    if (!this.detector || !v.videoWidth) return undefined;
    try {
      const faces = await this.detector.detect(v);
      if (faces.length === 0) return null;
      const biggest = faces.reduce((a, b) => (b.boundingBox.width > a.boundingBox.width ? b : a));
      return {
        size: biggest.boundingBox.width / v.videoWidth,
        pose: biggest.landmarks ? poseFromLandmarks(biggest.landmarks) : null,
      };
    } catch {
      this.detector = null; // unusable here (e.g. no platform backend)
      return undefined;
    }
  }

  /** A JPEG of the camera (or the screen); one capture at a time, through one canvas. */
  snapshot(source: 'camera' | 'screen', size = SNAPSHOT_SIZE): Promise<Blob | null> {
    const run = this.busy.then(() => this.capture(source, size));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async capture(
    source: 'camera' | 'screen',
    size: { width: number; height: number; quality: number },
  ): Promise<Blob | null> {
    const v = source === 'camera' ? this.cameraVideo : this.screenVideo;
    const track = source === 'camera' ? this.videoTrack : this.screenTrack;
    if (!v.videoWidth || !track || track.readyState !== 'live') return null;
    let { width, height } = size;
    if (source === 'screen') {
      width = Math.min(SCREEN_MAX_WIDTH, v.videoWidth);
      height = Math.round((width * v.videoHeight) / v.videoWidth);
    }
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(v, 0, 0, width, height);
    return canvasBlob(this.canvas, source === 'screen' ? SCREEN_QUALITY : size.quality);
  }

  /** Record `ms` of the microphone (audio/webm where the browser can; else audio/ogg). */
  async clip(ms: number): Promise<Blob | null> {
    const type = clipType();
    const track = this.audioTrack;
    if (!type || !track || track.readyState !== 'live') return null;
    return new Promise((resolve) => {
      const chunks: Blob[] = [];
      let recorder: MediaRecorder;
      try {
        recorder = new MediaRecorder(new MediaStream([track]), { mimeType: type, audioBitsPerSecond: 24_000 });
      } catch {
        resolve(null);
        return;
      }
      recorder.ondataavailable = (e) => {
        if (e.data.size) chunks.push(e.data);
      };
      recorder.onstop = () => resolve(chunks.length ? new Blob(chunks, { type: type.split(';')[0] }) : null);
      recorder.onerror = () => resolve(null);
      recorder.start();
      setTimeout(() => recorder.state !== 'inactive' && recorder.stop(), ms);
    });
  }

  closeCamera(): void {
    this.camera?.getTracks().forEach((t) => t.stop());
    this.camera = null;
    this.cameraVideo.srcObject = null;
  }

  closeScreen(): void {
    this.screen?.getTracks().forEach((t) => t.stop());
    this.screen = null;
    this.screenVideo.srcObject = null;
  }

  close(): void {
    this.closeCamera();
    this.closeScreen();
    void this.audio?.close().catch(() => undefined);
    this.audio = null;
    this.analyser = null;
  }
}
