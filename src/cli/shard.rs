//! `--shard K/N`: one of N disjoint parts of a run's inputs, so that N processes (on one
//! machine or many) convert an archive between them.
//!
//! Guarantees: every input lands in exactly one of the N shards; which one depends only on the
//! input's output name (its file name without the extension, the name its outputs get) through
//! a fixed hash (64-bit FNV-1a of the name's UTF-8 bytes, modulo N), never on its position,
//! the folder it was named by, the machine or the Rust version. So adding or removing files
//! moves no other file to another shard, and inputs that would write the same output file are
//! always in the same shard, where the collision is reported as in an unsharded run.

use std::fmt;
use std::hash::Hasher;
use std::str::FromStr;

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Whether the input whose outputs are named `stem` belongs to this shard.
    pub fn holds(&self, stem: &str) -> bool {
        let mut hasher = fnv::FnvHasher::default();
        hasher.write(stem.as_bytes());
        hasher.finish() % self.count == self.index - 1
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let usage = || format!("`{text}` is not K/N with 1 <= K <= N, e.g. 1/4");
        let (k, n) = text.split_once('/').ok_or_else(usage)?;
        let (index, count): (u64, u64) = (k.parse().map_err(|_| usage())?, n.parse().map_err(|_| usage())?);
        if index == 0 || count == 0 || index > count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n_and_refuses_the_rest() {
        assert_eq!("2/5".parse::<Shard>().unwrap().to_string(), "2/5");
        assert_eq!("1/1".parse::<Shard>().unwrap().to_string(), "1/1");
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/2/3", "-1/2", " 1/2", ""] {
            let err = bad.parse::<Shard>().unwrap_err();
            assert!(err.contains("K/N"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_hash_is_fnv_1a_and_does_not_change() {
        // FNV-1a 64 of "" is its offset basis, of "a" a published test vector; a change here
        // would move files between the shards of runs already under way on other machines.
        let hash = |s: &str| {
            let mut h = fnv::FnvHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn every_name_is_in_exactly_one_shard_and_stays_there() {
        let names: Vec<String> = (0..1000).map(|i| format!("hearing-{i:04}")).collect();
        for count in [1, 2, 3, 7] {
            let shards: Vec<Shard> = (1..=count).map(|k| format!("{k}/{count}").parse().unwrap()).collect();
            for name in &names {
                assert_eq!(shards.iter().filter(|s| s.holds(name)).count(), 1, "{name} in {count} shards");
            }
            for shard in &shards {
                let share = names.iter().filter(|n| shard.holds(n)).count();
                assert!(share * count as usize > 700 && share * (count as usize) < 1300, "shard {shard} holds {share} of 1000");
            }
        }
    }
}
