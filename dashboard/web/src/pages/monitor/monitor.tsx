/** 监控大厅: the live alert feed beside the camera wall. */
import { AlertFeed } from './alert-feed.tsx';
import { CameraWall } from './camera-wall.tsx';

export function MonitorPage() {
  return (
    <div class="monitor">
      <AlertFeed />
      <CameraWall />
    </div>
  );
}
