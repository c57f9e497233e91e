/**
 * FLV in a <video>: live HTTP-FLV from the node-media-server relay, or a recorded .flv clip, through mpegts.js
 * (bundled, loaded only when a video is shown). Reports a failure so the caller can fall back to snapshots.
 */
import { useEffect, useRef } from 'preact/hooks';
import { loadMpegts } from '../lib/mpegts.ts';

export function FlvVideo(props: {
  url: string;
  live: boolean;
  poster?: string;
  onState?: (state: 'playing' | 'error', detail?: string) => void;
  /** The picture's size once known (the camera's aspect ratio). */
  onSize?: (width: number, height: number) => void;
  controls?: boolean;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  const onState = useRef(props.onState);
  onState.current = props.onState;
  useEffect(() => {
    let destroyed = false;
    let destroy: (() => void) | undefined;
    void loadMpegts().then((mpegts) => {
      const video = ref.current;
      if (destroyed || !video) return;
      if (!mpegts.isSupported()) {
        onState.current?.('error', 'MSE unsupported');
        return;
      }
      mpegts.LoggingControl.enableAll = false;
      const player = mpegts.createPlayer(
        { type: 'flv', isLive: props.live, url: props.url, hasAudio: false },
        { enableStashBuffer: !props.live, liveBufferLatencyChasing: props.live, lazyLoad: !props.live },
      );
      player.on(mpegts.Events.ERROR, (type: string, detail: string) =>
        onState.current?.('error', `${type}: ${detail}`),
      );
      video.addEventListener('playing', () => onState.current?.('playing'), { once: true });
      player.attachMediaElement(video);
      player.load();
      if (props.live) void Promise.resolve(player.play()).catch(() => undefined);
      destroy = () => player.destroy();
    });
    return () => {
      destroyed = true;
      destroy?.();
    };
  }, [props.url, props.live]);
  return (
    <video
      ref={ref}
      muted
      playsInline
      poster={props.poster}
      controls={props.controls ?? !props.live}
      autoPlay={props.live}
      onLoadedMetadata={(e) => {
        const v = e.currentTarget as HTMLVideoElement;
        props.onSize?.(v.videoWidth, v.videoHeight);
      }}
    />
  );
}
