//! SQL for the section tree.

use std::collections::HashMap;

use inkuru_api::{Section, SectionRef, SectionTree, Slug};

use super::Db;
use crate::error::{AppError, AppResult};

#[derive(sqlx::FromRow)]
struct SectionRow {
    id: i64,
    slug: String,
    name: String,
    parent_id: Option<i64>,
    position: i64,
    description: String,
}

/// The whole tree, parents before children, with each section's URL path worked out.
pub async fn tree(db: &Db) -> AppResult<SectionTree> {
    let rows: Vec<SectionRow> = sqlx::query_as(
        "SELECT id, slug, name, parent_id, position, description FROM sections ORDER BY position, id",
    )
    .fetch_all(db)
    .await?;
    build_tree(rows)
}

fn build_tree(rows: Vec<SectionRow>) -> AppResult<SectionTree> {
    let by_id: HashMap<i64, &SectionRow> = rows.iter().map(|r| (r.id, r)).collect();
    let path_of = |row: &SectionRow| -> String {
        let mut parts = vec![row.slug.as_str()];
        let mut parent = row.parent_id;
        // Bounded walk: a corrupt cycle cannot hang a request.
        while let Some(p) = parent.and_then(|id| by_id.get(&id)) {
            if parts.len() > rows.len() {
                break;
            }
            parts.push(p.slug.as_str());
            parent = p.parent_id;
        }
        parts.reverse();
        parts.join("/")
    };
    let mut sections = Vec::with_capacity(rows.len());
    for row in &rows {
        sections.push(Section {
            id: row.id,
            slug: Slug::parse(&row.slug)
                .map_err(|e| AppError::internal(format!("section {}: {e}", row.id)))?,
            name: row.name.clone(),
            parent_id: row.parent_id,
            position: i32::try_from(row.position).unwrap_or(i32::MAX),
            description: row.description.clone(),
            path: path_of(row),
        });
    }
    // Parents before children: sort by depth, then by the order among siblings.
    sections.sort_by_key(|s| (s.path.matches('/').count(), s.position, s.id));
    Ok(SectionTree { sections })
}

/// Breadcrumb references for a section and its ancestors, top-level first.
pub fn refs_for(tree: &SectionTree, section_id: i64) -> Vec<SectionRef> {
    tree.trail(section_id)
        .into_iter()
        .map(|s| SectionRef {
            slug: s.slug.clone(),
            name: s.name.clone(),
            path: s.path.clone(),
        })
        .collect()
}

/// Adds or updates a section by slug; returns its id. Used by the demo-content import.
pub async fn upsert(
    db: &Db,
    slug: &Slug,
    name: &str,
    parent_id: Option<i64>,
    position: i32,
    description: &str,
) -> AppResult<i64> {
    let id: (i64,) = sqlx::query_as(
        "INSERT INTO sections (slug, name, parent_id, position, description) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT(slug) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
             position = excluded.position, description = excluded.description
         RETURNING id",
    )
    .bind(slug.as_str())
    .bind(name)
    .bind(parent_id)
    .bind(position)
    .bind(description)
    .fetch_one(db)
    .await?;
    Ok(id.0)
}
