//! Cloudflare's cron syntax: five fields with `*`, ranges, steps, lists, month and day names, and
//! the Quartz extensions Cloudflare accepts (`L` and `W` in the day of month, `L` and `#` in the day
//! of week).

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

#[derive(Clone, Copy)]
struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
    last: bool,
    weekday: bool,
    nth: bool,
}

const FIELDS: [Field; 5] = [
    Field {
        name: "minute",
        min: 0,
        max: 59,
        names: &[],
        last: false,
        weekday: false,
        nth: false,
    },
    Field {
        name: "hour",
        min: 0,
        max: 23,
        names: &[],
        last: false,
        weekday: false,
        nth: false,
    },
    Field {
        name: "day of month",
        min: 1,
        max: 31,
        names: &[],
        last: true,
        weekday: true,
        nth: false,
    },
    Field {
        name: "month",
        min: 1,
        max: 12,
        names: &MONTHS,
        last: false,
        weekday: false,
        nth: false,
    },
    Field {
        name: "day of week",
        min: 1,
        max: 7,
        names: &DAYS,
        last: true,
        weekday: false,
        nth: true,
    },
];

/// Checks a cron expression; the error names the field and the bad part.
pub fn check(expression: &str) -> Result<(), String> {
    let fields: Vec<&str> = expression.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "cron `{expression}` has {} field{}, Cloudflare needs five: minute hour day-of-month month day-of-week",
            fields.len(),
            if fields.len() == 1 { "" } else { "s" }
        ));
    }
    for (text, field) in fields.iter().zip(FIELDS) {
        for item in text.split(',') {
            check_item(item, field)
                .map_err(|why| format!("cron `{expression}`: {} `{item}` {why}", field.name))?;
        }
    }
    Ok(())
}

fn check_item(item: &str, field: Field) -> Result<(), String> {
    let upper = item.to_ascii_uppercase();
    if field.last && upper == "L" || field.weekday && upper == "LW" {
        return Ok(());
    }
    if field.weekday {
        if let Some(day) = upper.strip_suffix('W') {
            return value(day, field).map(drop);
        }
    }
    if field.nth {
        if let Some((day, nth)) = upper.split_once('#') {
            value(day, field)?;
            return match nth.parse::<u32>() {
                Ok(1..=5) => Ok(()),
                _ => Err("needs a week number from 1 to 5 after `#`".to_owned()),
            };
        }
        if let Some(day) = upper.strip_suffix('L') {
            return value(day, field).map(drop);
        }
    }
    let (range, step) = match upper.split_once('/') {
        Some((range, step)) => (range, Some(step)),
        None => (upper.as_str(), None),
    };
    if let Some(step) = step {
        match step.parse::<u32>() {
            Ok(step) if step >= 1 && step <= field.max => {}
            _ => {
                return Err(format!(
                    "has a bad step: use a number from 1 to {}",
                    field.max
                ));
            }
        }
    }
    if range == "*" {
        return Ok(());
    }
    match range.split_once('-') {
        Some((low, high)) => {
            let (low, high) = (value(low, field)?, value(high, field)?);
            if low > high {
                return Err("is a range that runs backwards".to_owned());
            }
        }
        None => {
            value(range, field)?;
        }
    }
    Ok(())
}

fn value(text: &str, field: Field) -> Result<u32, String> {
    if let Some(index) = field.names.iter().position(|name| *name == text) {
        return Ok(index as u32 + 1);
    }
    match text.parse::<u32>() {
        Ok(n) if (field.min..=field.max).contains(&n) => Ok(n),
        _ => {
            let names = if field.names.is_empty() {
                String::new()
            } else {
                format!(" or a name such as `{}`", field.names[0])
            };
            Err(format!(
                "is out of range: use {}-{}{names}",
                field.min, field.max
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_cloudflare_examples() {
        for ok in [
            "* * * * *",
            "*/30 * * * *",
            "45 * * * *",
            "0 17 * * sun",
            "0 17 * * 1",
            "10 7 * * mon-fri",
            "10 7 * * 2-6",
            "0 15 1 * *",
            "0 18 * * 6L",
            "0 18 * * friL",
            "59 23 LW * *",
            "0 10 * * MON#2",
            "0 0 L * *",
            "0 0 15W * *",
            "0,30 9-17/2 * JAN-MAR,dec *",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_bad_expressions() {
        for bad in [
            "* * * *",
            "* * * * * *",
            "60 * * * *",
            "* 24 * * *",
            "* * 0 * *",
            "* * * 13 *",
            "* * * * 0",
            "* * * * 8",
            "*/0 * * * *",
            "5-1 * * * *",
            "* * * * MON#6",
            "* * L * L#1",
            "* * * FOO *",
            "* L * * *",
            "@daily",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
