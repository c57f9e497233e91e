import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfigFile } from './demo/index.ts';
import { runCli, spawnCli, tempDir, waitFor } from './kernel/testing.ts';

describe('gridwatch CLI', () => {
  it('prints the version and help for every command', async () => {
    expect((await runCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const cmd of [['start'], ['config'], ['config', 'check'], ['config', 'schema']]) {
      const r = await runCli([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: gridwatch/);
    }
  });

  it('config check: exit 0 on the demo config, 1 with the field path on a bad one', async () => {
    const ok = await runCli(['config', 'check', demoConfigFile]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok \(\d+ cameras/);
    const bad = await runCli(['config', 'check', '/nonexistent.yaml']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot read config file/);
  });

  it('config schema prints JSON schema', async () => {
    const r = await runCli(['config', 'schema']);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['server', 'mqtt', 'cameras', 'zones', 'vehicles']),
    );
  });

  it('start: serves health, then shuts down gracefully with exit 0 on SIGTERM', async () => {
    const dir = tempDir('gw-cli-');
    const file = path.join(dir, 'gw.yaml');
    writeFileSync(file, 'mqtt: { mode: embedded, port: 0 }\nmedia: { enabled: false }\n');
    const child = spawnCli(['start', '--config', file, '--data', path.join(dir, 'data'), '--port', '0']);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => /gridwatch (http:\/\/\S+) /.test(out), 20_000);
    const url = /gridwatch (http:\/\/\S+) /.exec(out)![1]!;
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out).toMatch(/shutting down/);
  }, 40_000);

  it('start: refuses a bad --port', async () => {
    const r = await runCli(['start', '--port', 'abc']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--port must be a port number/);
  });
});
