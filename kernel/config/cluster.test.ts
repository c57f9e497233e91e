// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about ${ENV} references in config files
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../testing.ts';
import { checkRole } from './cluster.ts';
import { loadConfigFile, substituteEnv, validateConfig } from './load.ts';

const broker = { mode: 'url', url: 'mqtt://127.0.0.1:1883' };

describe('node and cluster config', () => {
  it('defaults to one process (role all) and needs nothing else', () => {
    const c = validateConfig({});
    expect(c.node).toEqual({ role: 'all', maxCameras: 100 });
    expect(c.cluster).toBeUndefined();
  });

  it('names what each role lacks, by field path', () => {
    const video = (): unknown => validateConfig({ node: { role: 'video' } });
    expect(video).toThrow(/mqtt\.mode: role "video" needs the external broker/);
    expect(video).toThrow(/cluster\.coreUrl: role "video" needs the core's URL/);
    expect(video).toThrow(/cluster\.token: role "video" needs its node token/);
    expect(() => validateConfig({ node: { role: 'core' }, mqtt: broker })).toThrow(
      /cluster\.tokens: role "core" needs at least one node token/,
    );
    const ok = validateConfig({
      node: { id: 'video-1', role: 'video', maxCameras: 4 },
      mqtt: broker,
      cluster: { coreUrl: 'http://core:8080', token: 'x'.repeat(16) },
    });
    expect(ok.cluster?.leaseSeconds).toBe(15);
  });

  it('refuses unknown keys, bad roles and short tokens', () => {
    expect(() => validateConfig({ node: { role: 'edge' } })).toThrow(/node\.role/);
    expect(() => validateConfig({ node: { colour: 1 } })).toThrow(/node: unknown key "colour"/);
    expect(() => validateConfig({ cluster: { tokens: ['short'] } })).toThrow(
      /cluster\.tokens\[0\]: must be at least 16/,
    );
  });
});

describe('${ENV} in the config file', () => {
  it('replaces variables, with defaults and the $${ escape', () => {
    const env = { TOKEN: 'secret-secret-secret', EMPTY: '' };
    expect(substituteEnv({ a: ['${TOKEN}', 'x${MISSING:-d}y', '$${TOKEN}', '${EMPTY}'], n: 3 }, env)).toEqual({
      a: ['secret-secret-secret', 'xdy', '${TOKEN}', ''],
      n: 3,
    });
  });

  it('an unset variable is an error naming the field', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.yaml');
    writeFileSync(file, 'cluster:\n  tokens: ["${GW_TEST_UNSET_TOKEN_VAR}"]\n');
    expect(() => loadConfigFile(file)).toThrow(/cluster\.tokens\[0\]: environment variable GW_TEST_UNSET_TOKEN_VAR/);
    process.env.GW_TEST_SET_TOKEN_VAR = 'a-long-enough-token-value';
    writeFileSync(file, 'cluster:\n  tokens: ["${GW_TEST_SET_TOKEN_VAR}"]\n');
    expect(loadConfigFile(file).config.cluster?.tokens).toEqual(['a-long-enough-token-value']);
    delete process.env.GW_TEST_SET_TOKEN_VAR;
  });
});

describe('deploy/cluster/cluster.yaml', () => {
  it('is valid for every role once its variables are set', () => {
    const vars = {
      MQTT_PASSWORD: 'mqtt-pass',
      INFLUX_TOKEN: 'influx-token',
      GRIDWATCH_NODE_TOKEN: 'n'.repeat(48),
      GRIDWATCH_DB_URL: 'postgres://gridwatch:pw@postgres:5432/gridwatch',
    };
    Object.assign(process.env, vars);
    try {
      const { config } = loadConfigFile(path.join(repoRoot, 'deploy', 'cluster', 'cluster.yaml'));
      for (const role of ['core', 'video', 'telemetry'] as const)
        expect(checkRole({ ...config.node, role }, config.cluster, config.mqtt.mode)).toEqual([]);
      expect(config.cluster?.tokens).toEqual([vars.GRIDWATCH_NODE_TOKEN]);
      expect(config.database.url).toBe(vars.GRIDWATCH_DB_URL);
    } finally {
      for (const k of Object.keys(vars)) delete process.env[k];
    }
  });
});
