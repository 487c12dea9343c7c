//! `inkuru-server comments …`: the moderation queue for an editor at a terminal. Held comments are
//! listed with their article and text; publishing shows one to everyone, rejecting deletes it.

use std::fmt::Write;

use crate::config::ModerationAction;
use crate::db::{self, Db};

/// Carries out `action` and says what happened, or why it could not.
pub async fn run(db: &Db, action: ModerationAction) -> Result<String, String> {
    let failed = |e: crate::error::AppError| format!("the database refused: {e:?}");
    match action {
        ModerationAction::Held => {
            let held = db::comments::held(db).await.map_err(failed)?;
            Ok(queue_report(&held))
        }
        ModerationAction::Publish { id } => {
            match db::comments::publish(db, id).await.map_err(failed)? {
                true => Ok(format!("Comment {id} is published.\n")),
                false => Err(format!("No held comment has the id {id}.")),
            }
        }
        ModerationAction::Reject { id } => {
            match db::comments::reject(db, id).await.map_err(failed)? {
                true => Ok(format!("Comment {id} is rejected and deleted.\n")),
                false => Err(format!("No held comment without replies has the id {id}.")),
            }
        }
    }
}

/// The queue as text: one block per comment, or a line saying it is empty.
fn queue_report(held: &[db::comments::HeldComment]) -> String {
    if held.is_empty() {
        return "No comments are waiting for review.\n".into();
    }
    let mut report = String::new();
    for item in held {
        let comment = &item.comment;
        let _ = writeln!(
            report,
            "#{} on {} by {} at {}{}",
            comment.id,
            item.article,
            comment.author_name,
            comment.created_at,
            comment
                .parent_id
                .map(|parent| format!(" (reply to #{parent})"))
                .unwrap_or_default()
        );
        for line in comment.body.lines() {
            let _ = writeln!(report, "    {line}");
        }
    }
    let _ = writeln!(
        report,
        "{} waiting. Publish with `comments publish ID`, reject with `comments reject ID`.",
        held.len()
    );
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use inkuru_api::{Comment, CommentStatus};

    #[test]
    fn the_queue_names_each_comment_its_article_and_text() {
        let held = vec![db::comments::HeldComment {
            article: "book-festival-record-crowds".into(),
            comment: Comment {
                id: 7,
                parent_id: Some(3),
                author_name: "Aline".into(),
                body: "First line\nsecond line".into(),
                created_at: "2026-11-25T10:00:00Z".into(),
                status: CommentStatus::Held,
            },
        }];
        let report = queue_report(&held);
        assert!(
            report.starts_with("#7 on book-festival-record-crowds by Aline"),
            "{report}"
        );
        assert!(report.contains("(reply to #3)"));
        assert!(report.contains("    second line"));
        assert!(report.contains("1 waiting"));
        assert_eq!(queue_report(&[]), "No comments are waiting for review.\n");
    }
}
