/** Order statistics of a sample (quantiles interpolated linearly between order statistics). */
function quantile(sorted, q) {
  if (sorted.length === 0) {
    return NaN;
  }
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** { n, min, p25, median, p75, max } of an array of numbers. */
function summary(values) {
  const s = [...values].sort((x, y) => x - y);
  return {
    n: s.length,
    min: s[0],
    p25: quantile(s, 0.25),
    median: quantile(s, 0.5),
    p75: quantile(s, 0.75),
    max: s[s.length - 1],
  };
}

module.exports = { quantile, summary };
