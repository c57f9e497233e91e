#!/usr/bin/python3
"""Test RTSP camera: GStreamer's RTSP server looping a real H.264 MP4 without re-encoding.

Usage: /usr/bin/python3 rtsp_server.py --port PORT --file CLIP.mp4 [--mounts N]
Serves rtsp://127.0.0.1:PORT/cam1 … /camN (each client gets its own pipeline: set_shared(False), since a shared
looping pipeline breaks the first client when a second one connects). Prints "READY PORT" once listening.
Looping: see loop_media. Known limit (GStreamer 1.22 rtsp-server): a pipeline torn down (client gone) while it loops
can deadlock the server now and then; tests start a server per test file and the benchmark one per phase.
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

def loop_media(media):
    """Make one media's pipeline loop its file forever: 1 s after it starts playing, a flushing SEGMENT seek to 0;
    at each SEGMENT_DONE a non-flushing SEGMENT seek back to 0, so running time (and RTP timestamps) keep increasing."""
    element = media.get_element()
    state = {"segment": False}

    def seek(flags):
        pipeline = element.get_parent()
        if pipeline is not None:
            pipeline.seek_simple(Gst.Format.TIME, flags, 0)
        return False

    def on_event(_pad, info):
        event = info.get_event()
        if event is not None and event.type == Gst.EventType.SEGMENT_DONE:
            GLib.idle_add(seek, Gst.SeekFlags.SEGMENT)
            return Gst.PadProbeReturn.DROP
        return Gst.PadProbeReturn.OK

    def on_new_state(_media, new_state):
        if new_state == Gst.State.PLAYING and not state["segment"]:
            state["segment"] = True
            # Not at once: a flushing seek while the server is still handling PLAY (unblocking its streams) can
            # leave the client without data.
            GLib.timeout_add(1000, seek, Gst.SeekFlags.FLUSH | Gst.SeekFlags.SEGMENT)

    pay = element.get_by_name("pay0")
    pay.get_static_pad("sink").add_probe(Gst.PadProbeType.EVENT_DOWNSTREAM, on_event)
    media.connect("new-state", on_new_state)


def on_media_configure(_factory, media):
    loop_media(media)


def drop_sessions_when_closed(server):
    """A client that vanishes (killed ffmpeg) leaves its sessions, and so its pipelines, running until they time out:
    remove them as soon as its connection closes, and sweep expired ones regularly."""
    pool = server.get_session_pool()

    def on_client(_server, client):
        sessions = []
        client.connect("new-session", lambda _c, session: sessions.append(session))

        def on_closed(_client):
            for session in sessions:
                pool.remove(session)
            sessions.clear()

        client.connect("closed", on_closed)

    server.connect("client-connected", on_client)
    GLib.timeout_add_seconds(2, lambda: pool.cleanup() >= 0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--mounts", type=int, default=1)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--path", action="append", default=[], help="extra mount path, e.g. /rtp/ID_ID")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    location = args.file.replace("\\", "\\\\").replace('"', '\\"')
    launch = f'( filesrc location="{location}" ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )'
    mounts = server.get_mount_points()
    paths = [f"/cam{i}" for i in range(1, args.mounts + 1)] + args.path
    for mount in paths:
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch)
        factory.set_shared(False)
        factory.set_eos_shutdown(False)
        factory.connect("media-configure", on_media_configure)
        mounts.add_factory(mount, factory)
    drop_sessions_when_closed(server)
    if server.attach(None) == 0:
        print(f"ERROR cannot listen on {args.host}:{args.port}", flush=True)
        sys.exit(2)
    loop = GLib.MainLoop()
    signal.signal(signal.SIGTERM, lambda *_: loop.quit())
    signal.signal(signal.SIGINT, lambda *_: loop.quit())
    print(f"READY {server.get_bound_port()}", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
