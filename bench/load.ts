/**
 * HTTP load with autocannon, run as a separate process: on a 2-core machine a load generator in the
 * server's own event loop would compete with the server it measures.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
}

interface AutocannonJson {
  duration: number;
  errors: number;
  non2xx: number;
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
}

function runCli(url: string, seconds: number, connections: number): Promise<AutocannonJson> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [autocannonCli, '--json', '-c', String(connections), '-d', String(seconds), url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err}`));
      try {
        resolve(JSON.parse(out) as AutocannonJson);
      } catch {
        reject(new Error(`autocannon printed no JSON: ${out.slice(0, 200)} ${err.slice(0, 200)}`));
      }
    });
  });
}

/** A short untimed run first (JIT, connection pools, caches), then the measured one. */
export async function measure(label: string, url: string, options: { seconds: number; connections: number }): Promise<LoadResult> {
  const warmup = Math.max(1, Math.min(3, Math.round(options.seconds / 5)));
  await runCli(url, warmup, options.connections);
  const r = await runCli(url, options.seconds, options.connections);
  return { label, requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, errors: r.errors, non2xx: r.non2xx };
}
