//! How a flat list of comments (each naming the comment it replies to) is laid out as threads:
//! a comment on the article, its replies nested under it, and their replies nested once more.
//! Anything deeper is shown at that second level, after the reply it descends from, saying whom
//! it answers ("in reply to Aline"), so a long exchange never marches off a phone's screen.

use std::collections::HashMap;

/// What the layout needs to know of a comment.
pub trait Threaded {
    /// Its id; none for a comment not stored yet.
    fn id(&self) -> Option<i64>;
    fn parent_id(&self) -> Option<i64>;
    fn author(&self) -> &str;
}

/// One comment in its place, and whom it answers when its place does not show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed<T> {
    pub item: T,
    pub in_reply_to: Option<String>,
}

/// A reply to a thread's first comment, with everything below it (flattened, in order).
#[derive(Clone, Debug, PartialEq)]
pub struct Reply<T> {
    pub comment: Placed<T>,
    pub replies: Vec<Placed<T>>,
}

/// A comment on the article and its replies.
#[derive(Clone, Debug, PartialEq)]
pub struct Thread<T> {
    pub comment: Placed<T>,
    pub replies: Vec<Reply<T>>,
}

impl<T> Thread<T> {
    /// Comments below the first, at any depth.
    pub fn reply_count(&self) -> usize {
        self.replies.iter().map(|r| 1 + r.replies.len()).sum()
    }
}

/// Lays `items` (in the order they were posted) out as threads, in that order. A reply whose
/// parent is not among them (on another page, or no longer shown) starts a thread of its own,
/// saying it answers an earlier comment.
pub fn threads<T: Threaded + Clone>(items: &[T]) -> Vec<Thread<T>> {
    let authors: HashMap<i64, &str> = items
        .iter()
        .filter_map(|item| Some((item.id()?, item.author())))
        .collect();
    let mut children: HashMap<i64, Vec<&T>> = HashMap::new();
    let mut tops = Vec::new();
    for item in items {
        match item.parent_id() {
            Some(parent) if authors.contains_key(&parent) => {
                children.entry(parent).or_default().push(item)
            }
            _ => tops.push(item),
        }
    }
    let kids = |id: Option<i64>| -> Vec<&T> {
        id.and_then(|id| children.get(&id))
            .cloned()
            .unwrap_or_default()
    };
    tops.into_iter()
        .map(|top| Thread {
            comment: Placed {
                item: top.clone(),
                in_reply_to: top.parent_id().map(|_| "an earlier comment".to_owned()),
            },
            replies: kids(top.id())
                .into_iter()
                .map(|reply| {
                    let mut below = Vec::new();
                    let mut stack: Vec<&T> = kids(reply.id()).into_iter().rev().collect();
                    while let Some(next) = stack.pop() {
                        below.push(Placed {
                            item: next.clone(),
                            in_reply_to: next
                                .parent_id()
                                .filter(|parent| Some(*parent) != reply.id())
                                .and_then(|parent| authors.get(&parent))
                                .map(|name| (*name).to_owned()),
                        });
                        stack.extend(kids(next.id()).into_iter().rev());
                    }
                    Reply {
                        comment: Placed {
                            item: reply.clone(),
                            in_reply_to: None,
                        },
                        replies: below,
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct C(Option<i64>, Option<i64>, &'static str);

    impl Threaded for C {
        fn id(&self) -> Option<i64> {
            self.0
        }
        fn parent_id(&self) -> Option<i64> {
            self.1
        }
        fn author(&self) -> &str {
            self.2
        }
    }

    fn ids<T: Threaded>(placed: &[Placed<T>]) -> Vec<Option<i64>> {
        placed.iter().map(|p| p.item.id()).collect()
    }

    #[test]
    fn two_levels_nest_and_deeper_ones_say_whom_they_answer() {
        let items = [
            C(Some(1), None, "Aline"),
            C(Some(2), Some(1), "Bosco"),
            C(Some(3), Some(2), "Chantal"),
            C(Some(4), None, "Didier"),
            C(Some(5), Some(3), "Aline"),
            C(Some(6), Some(2), "Eric"),
            C(None, Some(5), "Bosco"),
        ];
        let laid = threads(&items);
        assert_eq!(laid.len(), 2);
        assert_eq!(laid[0].reply_count(), 5);
        let reply = &laid[0].replies[0];
        assert_eq!(reply.comment.item.id(), Some(2));
        // Depth-first, in posting order: 3, its reply 5 and the unsent reply to 5, then 6.
        assert_eq!(ids(&reply.replies), [Some(3), Some(5), None, Some(6)]);
        let answers: Vec<Option<&str>> = reply
            .replies
            .iter()
            .map(|p| p.in_reply_to.as_deref())
            .collect();
        assert_eq!(answers, [None, Some("Chantal"), Some("Aline"), None]);
        assert!(laid[1].replies.is_empty());
    }

    #[test]
    fn a_reply_without_its_parent_starts_a_thread() {
        let laid = threads(&[C(Some(9), Some(1), "Aline")]);
        assert_eq!(laid.len(), 1);
        assert_eq!(
            laid[0].comment.in_reply_to.as_deref(),
            Some("an earlier comment")
        );
    }
}
