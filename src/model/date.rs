//! Calendar dates written as ISO 8601 `YYYY-MM-DD`, checked when read.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A valid calendar date in ISO 8601 extended form (`2021-07-16`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct IsoDate(String);

impl IsoDate {
    /// Parses `YYYY-MM-DD`, rejecting impossible days such as `2021-02-30`.
    pub fn parse(text: &str) -> Result<IsoDate, String> {
        let bad = || format!("`{text}` is not an ISO 8601 date (YYYY-MM-DD)");
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return Err(bad());
        }
        let (year, month, day): (u32, u32, u32) = (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}`: month {month} does not exist"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!("`{text}`: day {day} does not exist in that month"));
        }
        Ok(IsoDate(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(&self) -> (u32, u32, u32) {
        let n = |r: std::ops::Range<usize>| self.0[r].parse().expect("checked when parsed");
        (n(0..4), n(5..7), n(8..10))
    }

    /// Seconds since 1970-01-01T00:00:00Z at midnight UTC of this date.
    pub fn unix_seconds(&self) -> i64 {
        let (y, m, d) = self.ymd();
        days_from_civil(y as i64, m as i64, d as i64) * 86_400
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Year, month and day of a day counted from 1970-01-01 (proleptic Gregorian; Howard
/// Hinnant's algorithm), the inverse of [`IsoDate::unix_seconds`] at day precision.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        IsoDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for IsoDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "An ISO 8601 calendar date, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_dates_and_rejects_impossible_ones() {
        assert!(IsoDate::parse("2021-07-16").is_ok());
        assert!(IsoDate::parse("2024-02-29").is_ok());
        assert!(IsoDate::parse("2023-02-29").is_err());
        assert!(IsoDate::parse("2021-13-01").is_err());
        assert!(IsoDate::parse("16/07/2021").is_err());
        assert!(IsoDate::parse("2021-7-16").is_err());
    }

    #[test]
    fn unix_seconds_match_known_days() {
        assert_eq!(IsoDate::parse("1970-01-01").unwrap().unix_seconds(), 0);
        assert_eq!(IsoDate::parse("2021-07-16").unwrap().unix_seconds(), 1_626_393_600);
        assert_eq!(civil_from_days(1_626_393_600 / 86_400), (2021, 7, 16));
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
