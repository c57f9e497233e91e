import { describe, expect, it } from 'vitest';
import { runCli } from '../kernel/testing.ts';

describe('gridwatch start --role / --node-id', () => {
  it('names what a role lacks before anything starts', async () => {
    const r = await runCli(['start', '--role', 'video', '--node-id', 'video-1'], 60_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid for --role video/);
    expect(r.stderr).toMatch(/mqtt\.mode: role "video" needs the external broker/);
    expect(r.stderr).toMatch(/cluster\.coreUrl: role "video" needs the core's URL/);
  }, 90_000);

  it('refuses an unknown role and a bad node id', async () => {
    const role = await runCli(['start', '--role', 'edge'], 60_000);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/--role must be one of all, core, video, telemetry, got "edge"/);
    const id = await runCli(['start', '--node-id', 'a b'], 60_000);
    expect(id.code).toBe(1);
    expect(id.stderr).toMatch(/--node-id must be/);
  }, 90_000);
});
