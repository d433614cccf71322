//! Shards: a deterministic split of the inputs by a hash of each file's name.

use sha2::Digest;

/// Which inputs a run processes: all, or one shard of a deterministic split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    /// 1-based.
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Parses "K/N" with 1 ≤ K ≤ N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("--shard '{s}': expected K/N, e.g. 2/4"))?;
        let (index, count): (u32, u32) = (
            k.trim()
                .parse()
                .map_err(|_| format!("--shard '{s}': K is not a whole number"))?,
            n.trim()
                .parse()
                .map_err(|_| format!("--shard '{s}': N is not a whole number"))?,
        );
        if count == 0 || index == 0 || index > count {
            return Err(format!("--shard '{s}': need 1 <= K <= N"));
        }
        Ok(Shard { index, count })
    }

    /// A file belongs to the shard chosen by a hash of its name alone, so adding or
    /// removing other files never moves it to another shard.
    pub fn contains(&self, name: &str) -> bool {
        let digest = sha2::Sha256::digest(name.as_bytes());
        let x = u64::from_le_bytes(digest[..8].try_into().unwrap_or([0; 8]));
        (x % self.count as u64) as u32 + 1 == self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_names_stably() {
        let names: Vec<String> = (0..200).map(|i| format!("pacts/p{i}.md")).collect();
        for n in 1..=4 {
            let shards: Vec<Shard> = (1..=n).map(|k| Shard { index: k, count: n }).collect();
            for name in &names {
                assert_eq!(shards.iter().filter(|s| s.contains(name)).count(), 1);
            }
        }
        let s = Shard::parse("2/3").unwrap();
        assert_eq!((s.index, s.count), (2, 3));
        assert!(Shard::parse("0/3").is_err() && Shard::parse("4/3").is_err() && Shard::parse("x").is_err());
    }
}
