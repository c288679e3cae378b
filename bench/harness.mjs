// A small benchmark harness: warm up, then interleave the contenders round by round (so drift and noise hit
// all of them alike) and report medians. Timing never appears in tests; results go to docs/performance.md.

/** Runs each task `rounds` times, interleaved, after `warmup` runs each; returns the median ms per task. */
export function measure(tasks, { rounds = 15, warmup = 5 } = {}) {
  const times = new Map(tasks.map((task) => [task.name, []]));
  for (const task of tasks) for (let i = 0; i < (task.warmup ?? warmup); i++) task.run();
  const maxRounds = Math.max(...tasks.map((task) => task.rounds ?? rounds));
  for (let round = 0; round < maxRounds; round++) {
    for (const task of tasks) {
      if (round >= (task.rounds ?? rounds)) continue;
      const start = process.hrtime.bigint();
      task.run();
      times.get(task.name).push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const medians = new Map();
  for (const [name, list] of times) {
    list.sort((a, b) => a - b);
    medians.set(name, list[Math.floor(list.length / 2)]);
  }
  return medians;
}

/** Milliseconds per call of `fn`, measured over batches of `n` calls (for sub-microsecond work). */
export function perCall(fn, n) {
  return {
    run() {
      let sink = 0;
      for (let i = 0; i < n; i++) sink ^= fn(i) === undefined ? 0 : 1;
      return sink;
    },
    n,
  };
}
