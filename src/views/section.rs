//! A section page's content: breadcrumbs, name and description, its subsections, one page of its
//! stories (with those of its subsections), and the links to the pages around it.

use inkuru_api::{paths, ArticlePage, Section, SectionRef, SectionTree};
use leptos::prelude::*;

use crate::components::{ArticleCard, Breadcrumbs};

/// Everything a section page shows.
#[derive(Clone, Debug)]
pub struct SectionContent {
    pub section: Section,
    pub trail: Vec<SectionRef>,
    pub children: Vec<Section>,
    pub articles: ArticlePage,
}

impl SectionContent {
    /// The page of `section` (one of `tree`'s) holding `articles`.
    pub fn new(tree: &SectionTree, section: Section, articles: ArticlePage) -> Self {
        let trail = tree
            .trail(section.id)
            .into_iter()
            .map(|s| SectionRef {
                slug: s.slug.clone(),
                name: s.name.clone(),
                path: s.path.clone(),
            })
            .collect();
        let children = tree
            .children_of(Some(section.id))
            .into_iter()
            .cloned()
            .collect();
        Self {
            section,
            trail,
            children,
            articles,
        }
    }

    /// What a reader calls this page: the section's name, and its page number past the first.
    pub fn label(&self) -> String {
        match self.articles.page {
            1 => self.section.name.clone(),
            page => format!("{}, page {page}", self.section.name),
        }
    }
}

/// The section page's content.
#[component]
pub fn SectionPageView(content: SectionContent) -> impl IntoView {
    let SectionContent {
        section,
        trail,
        children,
        articles,
    } = content;
    let page = articles.page;
    let total_pages = articles.total_pages();
    let base = paths::section_page(&section.path);
    let newer = (page > 1 && page <= total_pages).then(|| format!("{base}?page={}", page - 1));
    let older = (page < total_pages).then(|| format!("{base}?page={}", page + 1));
    let subsections = (!children.is_empty()).then(|| {
        view! {
            <nav class="subsections" aria-label=format!("Sections in {}", section.name)>
                <ul>
                    {children
                        .into_iter()
                        .map(|child| view! { <li><a href=paths::section_page(&child.path)>{child.name}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    let empty = articles
        .items
        .is_empty()
        .then(|| empty_page(page, base.clone()));
    view! {
        <header class="page-header">
            <Breadcrumbs trail last_is_current=true/>
            <h1>{section.name}</h1>
            <p class="page-description">{section.description}</p>
            {subsections}
        </header>
        {empty}
        <div class="card-grid">
            {articles.items.into_iter().map(|summary| view! { <ArticleCard summary/> }).collect_view()}
        </div>
        <nav class="pagination" aria-label="Pages">
            {newer.map(|href| view! { <a href=href rel="prev">"← Newer"</a> })}
            {(total_pages > 1 && page <= total_pages).then(|| view! { <span>{format!("Page {page} of {total_pages}")}</span> })}
            {older.map(|href| view! { <a href=href rel="next">"Older →"</a> })}
        </nav>
    }
}

/// What a page with no stories says: a page past the last one links back to the first.
fn empty_page(page: u32, first_page: String) -> AnyView {
    if page > 1 {
        view! {
            <p class="empty">
                {format!("This section has no page {page}. ")}
                <a href=first_page>"Go to its first page"</a>"."
            </p>
        }
        .into_any()
    } else {
        view! { <p class="empty">"No articles in this section yet."</p> }.into_any()
    }
}
