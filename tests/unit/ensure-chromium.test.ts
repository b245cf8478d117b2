import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// scripts/common.sh's ensure_chromium, run by bash with a PATH of stand-ins only: `id` says who
// runs it, `apt-get` logs its calls (and "installs" chromium, or fails), `chromium` is there or
// not. The machine's own Chromium and apt-get are never touched.
const commonSh = path.resolve(import.meta.dirname, '../../scripts/common.sh');

let bin: string | undefined;
afterEach(() => {
  if (bin) rmSync(bin, { recursive: true, force: true });
  bin = undefined;
});

type Machine = { uid: number; chromium?: boolean; aptGet?: 'installs' | 'fails' };

function machine({ uid, chromium = false, aptGet }: Machine): string {
  bin = mkdtempSync(path.join(tmpdir(), 'ensure-chromium-'));
  const script = (name: string, body: string) => {
    writeFileSync(path.join(bin!, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(bin!, name), 0o755);
  };
  script('id', `[ "$1" = -u ] && echo ${uid}`);
  if (chromium) script('chromium', 'exit 0');
  if (aptGet) {
    const install =
      aptGet === 'installs'
        ? `printf '#!/bin/bash\\nexit 0\\n' > "${bin}/chromium"; /bin/chmod +x "${bin}/chromium"`
        : 'exit 100';
    script(
      'apt-get',
      [
        `echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND apt-get $*" >> "${bin}/apt.log"`,
        `[ "$1" = install ] && { ${install}; }`,
        'exit 0',
      ].join('\n'),
    );
  }
  return bin;
}

function ensureChromium(dir: string, env: Record<string, string> = {}) {
  // --norc: bash reads ~/.bashrc when its input is a socket, as Node's pipes are.
  const command = `source '${commonSh}' && ensure_chromium && echo "CHROMIUM_PATH=$CHROMIUM_PATH"`;
  const run = spawnSync('/bin/bash', ['--norc', '--noprofile', '-c', command], {
    env: { NODE_ENV: 'test', PATH: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const aptLog = path.join(dir, 'apt.log');
  return {
    ok: run.status === 0,
    stdout: run.stdout.trim(),
    stderr: run.stderr.replace(/\x1b\[[0-9;]*m/g, '').trim(),
    aptCalls: existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n') : [],
  };
}

describe('ensure_chromium (npm test)', () => {
  it('uses the chromium on the PATH and installs nothing', () => {
    const dir = machine({ uid: 0, chromium: true, aptGet: 'installs' });
    expect(ensureChromium(dir)).toEqual({
      ok: true,
      stdout: `CHROMIUM_PATH=${dir}/chromium`,
      stderr: '',
      aptCalls: [],
    });
  });

  it("installs Debian's chromium when it is missing and it runs as root with apt-get", () => {
    const dir = machine({ uid: 0, aptGet: 'installs' });
    const run = ensureChromium(dir);
    expect(run).toMatchObject({ ok: true, stdout: `CHROMIUM_PATH=${dir}/chromium` });
    expect(run.aptCalls).toEqual([
      'DEBIAN_FRONTEND= apt-get update -qq',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
    ]);
  });

  it('says in one line what to run when it is not root, and installs nothing', () => {
    const run = ensureChromium(machine({ uid: 1000, aptGet: 'installs' }));
    expect(run).toMatchObject({ ok: false, stdout: '', aptCalls: [] });
    expect(run.stderr).not.toContain('\n');
    expect(run.stderr).toContain("run 'sudo apt-get install chromium'");
  });

  it('says the same line where there is no apt-get', () => {
    const run = ensureChromium(machine({ uid: 0 }));
    expect(run).toMatchObject({ ok: false, aptCalls: [] });
    expect(run.stderr).toMatch(
      /^Chromium is missing for the browser tests: run 'sudo apt-get install chromium'[^\n]*$/,
    );
  });

  it('says in one line that the install failed when apt-get cannot install it', () => {
    const run = ensureChromium(machine({ uid: 0, aptGet: 'fails' }));
    expect(run.ok).toBe(false);
    expect(run.aptCalls).toHaveLength(2);
    expect(run.stderr.split('\n')).toEqual([
      "==> installing Debian's chromium for Playwright",
      expect.stringMatching(/^Chromium is missing and 'apt-get install chromium' failed/),
    ]);
  });

  it('takes CHROMIUM_PATH when it names an executable, and refuses one that does not', () => {
    const dir = machine({ uid: 0, chromium: true, aptGet: 'installs' });
    expect(ensureChromium(dir, { CHROMIUM_PATH: `${dir}/chromium` })).toMatchObject({ ok: true, aptCalls: [] });
    const wrong = ensureChromium(dir, { CHROMIUM_PATH: `${dir}/no-such-chromium` });
    expect(wrong).toMatchObject({ ok: false, aptCalls: [] });
    expect(wrong.stderr).toMatch(/^CHROMIUM_PATH=\S+ is not an executable[^\n]*$/);
  });
});
