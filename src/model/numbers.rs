//! The arithmetic every figure shares: a ratio over nothing is `None`
//! (docs/figures.md: "no data", never 0 and never NaN), sums start from +0.0,
//! medians take the mean of the middle two.

/// `numerator / denominator`, or `None` when the denominator is 0.
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

/// The median (the mean of the middle two for an even count); `None` when
/// there are no values.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// The sum, starting from +0.0: `Iterator::sum` on floats starts from -0.0,
/// which would print an empty sum as `-0.0` in metrics.json.
pub fn total(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |acc, v| acc + v)
}

/// The mean; `None` when there are no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    ratio(total(values.iter().copied()), values.len() as f64)
}
