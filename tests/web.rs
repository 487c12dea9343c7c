//! Components mounted in headless Chromium (wasm-bindgen-test): what a reader would see and what
//! assistive technology would be told.
#![cfg(target_arch = "wasm32")]
// A failed unwrap here is a failed test, which is the point (clippy cannot see that
// `wasm_bindgen_test` functions are tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inkuru::components::{ArticleCard, Breadcrumbs, CommentForm, CommentList};
use inkuru_api::{
    ArticleSummary, Comment, CommentStatus, FieldErrors, NewComment, SectionRef, Slug,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = document();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element.unchecked_into()
}

fn section(slug: &str, name: &str, path: &str) -> SectionRef {
    SectionRef {
        slug: Slug::parse(slug).unwrap(),
        name: name.into(),
        path: path.into(),
    }
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn breadcrumbs_follow_the_section_tree() {
    let root = container();
    let trail = vec![
        section("news", "News", "news"),
        section("all-around", "All around", "news/all-around"),
        section(
            "out-of-rwanda",
            "Out of Rwanda",
            "news/all-around/out-of-rwanda",
        ),
    ];
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        move || view! { <Breadcrumbs trail last_is_current=true/> },
    );
    let nav = root
        .query_selector("nav[aria-label='Breadcrumb']")
        .unwrap()
        .expect("a labelled nav");
    let items = nav.query_selector_all("li").unwrap();
    let names: Vec<String> = (0..items.length())
        .map(|i| items.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(names, ["Home", "News", "All around", "Out of Rwanda"]);
    let current = nav
        .query_selector("[aria-current='page']")
        .unwrap()
        .expect("current page marked");
    assert_eq!(current.text_content().unwrap(), "Out of Rwanda");
    assert_eq!(
        current.get_attribute("href").as_deref(),
        Some("/news/all-around/out-of-rwanda")
    );
    // Plain global class, no scoped one: the server writes the same markup into article pages
    // (server/templates/article.html), and both must pick up the same styles.
    assert_eq!(nav.class_name(), "breadcrumbs");
    assert_eq!(
        nav.get_attribute("aria-label").as_deref(),
        Some("Breadcrumb")
    );
}

#[wasm_bindgen_test]
fn article_card_links_its_headline_and_dates_it() {
    let root = container();
    let summary = ArticleSummary {
        slug: Slug::parse("rain-returns").unwrap(),
        headline: "Rain returns to the north".into(),
        standfirst: "At last.".into(),
        published_at: "2026-11-19T06:00:00Z".into(),
        section: section("rwanda", "Rwanda", "news/rwanda"),
        image: None,
    };
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <ArticleCard summary/> });
    let link = root.query_selector("h2 a").unwrap().expect("headline link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/articles/rain-returns")
    );
    assert_eq!(link.text_content().unwrap(), "Rain returns to the north");
    let time = root.query_selector("time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2026-11-19T06:00:00Z")
    );
    assert!(
        time.text_content().unwrap().contains("2026"),
        "a readable date"
    );
}

#[wasm_bindgen_test]
async fn comment_form_shows_each_error_at_its_field() {
    let root = container();
    let draft = RwSignal::new(NewComment::default());
    let errors = RwSignal::new(FieldErrors::new());
    let submitted = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <CommentForm
                draft
                errors
                pending=Signal::stored(false)
                notice=Signal::stored(None::<String>)
                on_submit=Callback::new(move |()| submitted.update(|n| *n += 1))
            />
        }
    });
    assert_eq!(text(&root, "label[for='comment-name']"), "Your name");
    assert_eq!(text(&root, "label[for='comment-email']"), "Your email");
    assert_eq!(text(&root, "label[for='comment-body']"), "Your comment");
    assert!(
        root.query_selector("#comment-name-error")
            .unwrap()
            .is_none(),
        "no error before one is found"
    );

    let mut found = FieldErrors::new();
    found.add("name", "Please enter your name.");
    errors.set(found);
    leptos::task::tick().await;
    assert_eq!(
        text(&root, "#comment-name-error"),
        "Please enter your name."
    );
    let name = root.query_selector("#comment-name").unwrap().unwrap();
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        name.get_attribute("aria-describedby").as_deref(),
        Some("comment-name-error")
    );
    let email = root.query_selector("#comment-email").unwrap().unwrap();
    assert_eq!(
        email.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );

    // Typing reaches the draft, and the counter follows it.
    let body: web_sys::HtmlTextAreaElement = root
        .query_selector("#comment-body")
        .unwrap()
        .unwrap()
        .unchecked_into();
    body.set_value("Karibu");
    body.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(draft.get_untracked().body, "Karibu");
    assert_eq!(text(&root, ".counter"), "6 / 5000");

    let button: web_sys::HtmlElement = root
        .query_selector("button[type='submit']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    leptos::task::tick().await;
    assert_eq!(submitted.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn comments_are_shown_as_text_never_as_html() {
    let root = container();
    let comments = RwSignal::new(vec![Comment {
        id: 1,
        parent_id: None,
        author_name: "Aline Uwase".into(),
        body: "<b>bold?</b> no".into(),
        created_at: "2026-11-20T10:00:00Z".into(),
        status: CommentStatus::Published,
    }]);
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <CommentList comments/> });
    assert_eq!(text(&root, ".comment-body"), "<b>bold?</b> no");
    assert!(root.query_selector(".comment-body b").unwrap().is_none());
    assert_eq!(text(&root, ".avatar"), "AU");

    comments.set(vec![]);
    leptos::task::tick().await;
    assert!(text(&root, ".no-comments").starts_with("No comments yet"));
}

#[wasm_bindgen_test]
fn dates_are_shown_in_the_readers_locale_through_intl() {
    use inkuru::util::dates::reader_date;
    // What the browser itself says for this date in the reader's locale, with no date crate.
    let expected = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &{
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into()).unwrap();
        options
    })
    .format()
    .call1(
        &wasm_bindgen::JsValue::UNDEFINED,
        &js_sys::Date::new(&"2026-11-24T08:00:00Z".into()),
    )
    .unwrap()
    .as_string()
    .unwrap();
    assert_eq!(reader_date("2026-11-24T08:00:00Z"), expected);
    assert!(expected.contains("2026"), "{expected}");
    // Unreadable timestamps are shown as they came, never hidden or turned into "Invalid Date".
    assert_eq!(reader_date("yesterday"), "yesterday");
}

#[wasm_bindgen_test]
fn web_addresses_in_comments_are_links_marked_as_the_readers() {
    let root = container();
    let comments = RwSignal::new(vec![Comment {
        id: 2,
        parent_id: None,
        author_name: "Eric".into(),
        body: "Photos at https://photos.example.rw/jazz. <a href=\"javascript:x()\">no</a>".into(),
        created_at: "2026-11-20T10:00:00Z".into(),
        status: CommentStatus::Published,
    }]);
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <CommentList comments/> });
    let links = root.query_selector_all(".comment-body a").unwrap();
    assert_eq!(links.length(), 1, "only the web address is a link");
    let link: web_sys::Element = links.item(0).unwrap().unchecked_into();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://photos.example.rw/jazz")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("nofollow ugc noopener")
    );
    assert_eq!(
        text(&root, ".comment-body"),
        "Photos at https://photos.example.rw/jazz. <a href=\"javascript:x()\">no</a>"
    );
}

#[wasm_bindgen_test]
fn comment_times_say_how_long_ago_in_the_readers_language() {
    let root = container();
    let five_minutes_ago =
        js_sys::Date::new(&(js_sys::Date::now() - 5.0 * 60_000.0 - 1_000.0).into());
    let iso = String::from(five_minutes_ago.to_iso_string());
    let comments = RwSignal::new(vec![Comment {
        id: 3,
        parent_id: None,
        author_name: "Grace".into(),
        body: "Just now-ish.".into(),
        created_at: iso.clone(),
        status: CommentStatus::Published,
    }]);
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <CommentList comments/> });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into()).unwrap();
    let expected = String::from(
        js_sys::Intl::RelativeTimeFormat::new(&js_sys::Array::new(), &options)
            .format(-5.0, "minute"),
    );
    assert_eq!(text(&root, ".comment-meta time"), expected);
    // The exact date is there on hover, and for machines.
    let time = root.query_selector(".comment-meta time").unwrap().unwrap();
    assert_eq!(time.get_attribute("datetime"), Some(iso.clone()));
    assert_eq!(
        time.get_attribute("title"),
        Some(inkuru::util::dates::reader_date(&iso))
    );
}

fn comment(id: i64, parent_id: Option<i64>, author: &str, status: CommentStatus) -> Comment {
    Comment {
        id,
        parent_id,
        author_name: author.into(),
        body: format!("Comment {id}"),
        created_at: "2026-11-20T10:00:00Z".into(),
        status,
    }
}

#[wasm_bindgen_test]
async fn replies_nest_two_levels_deeper_ones_say_whom_they_answer_and_threads_collapse() {
    let root = container();
    let comments = vec![
        comment(1, None, "Aline", CommentStatus::Published),
        comment(2, Some(1), "Bosco", CommentStatus::Published),
        comment(3, Some(2), "Chantal", CommentStatus::Published),
        comment(4, Some(3), "Didier", CommentStatus::Held),
    ];
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <CommentList comments/> });
    let nested = root
        .query_selector(".thread > .replies > li > .replies #comment-3")
        .unwrap();
    assert!(nested.is_some(), "a reply to a reply sits two levels in");
    let deepest = root.query_selector("#comment-4").unwrap().unwrap();
    let text_of = |el: &web_sys::Element| el.text_content().unwrap_or_default();
    assert!(text_of(&deepest).contains("in reply to Chantal"));
    assert!(text_of(&deepest).contains("Awaiting moderation"));
    assert!(
        root.query_selector(".replies .replies .replies")
            .unwrap()
            .is_none(),
        "never deeper than two levels"
    );

    let toggle: web_sys::HtmlElement = root
        .query_selector(".thread-toggle button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(toggle.text_content().unwrap(), "Hide 3 replies");
    assert_eq!(toggle.get_attribute("aria-controls").unwrap(), "replies-1");
    toggle.click();
    leptos::task::tick().await;
    assert_eq!(toggle.get_attribute("aria-expanded").unwrap(), "false");
    assert_eq!(toggle.text_content().unwrap(), "Show 3 replies");
    let replies: web_sys::HtmlElement = root
        .query_selector("#replies-1")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(replies.hidden());
}

/// JSON in the browser (`inkuru::json`: JSON.parse and serde-wasm-bindgen) reads what the server
/// writes with serde_json, flattened fields and absent options included.
#[wasm_bindgen_test]
fn browser_json_reads_what_the_server_writes() {
    let posted: inkuru_api::PostedComment = inkuru::json::from_str(
        r#"{"id":7,"author_name":"Aline","body":"Murakoze!","created_at":"2026-12-01T09:00:00Z","status":"held","author_token":"0123456789abcdef0123456789abcdef"}"#,
    )
    .unwrap();
    assert_eq!(posted.comment.id, 7);
    assert_eq!(posted.comment.parent_id, None);
    assert_eq!(posted.comment.status, CommentStatus::Held);
    assert_eq!(
        posted.author_token.as_deref(),
        Some("0123456789abcdef0123456789abcdef")
    );

    let error: inkuru_api::ErrorBody = inkuru::json::from_str(
        r#"{"code":"validation","message":"Some fields need attention.","fields":{"name":"Please enter your name."}}"#,
    )
    .unwrap();
    assert_eq!(error.fields.get("name"), Some("Please enter your name."));
}

/// What the browser writes (comment submissions, the outbox, drafts) is the JSON the server reads:
/// maps as objects, `None` as null, field names as the contract names them.
#[wasm_bindgen_test]
fn browser_json_writes_what_the_server_reads() {
    let mut fields = FieldErrors::new();
    fields.add("email", "Please enter a valid email address.");
    let written = inkuru::json::to_string(&inkuru_api::ErrorBody {
        fields,
        ..inkuru_api::ErrorBody::new(inkuru_api::ErrorCode::Validation, "Check the form.")
    })
    .unwrap();
    assert_eq!(
        written,
        r#"{"code":"validation","message":"Check the form.","fields":{"email":"Please enter a valid email address."}}"#
    );
}

/// A damaged answer or stored value is an error the app can show, never a panic.
#[wasm_bindgen_test]
fn browser_json_reports_damaged_text() {
    let damaged = inkuru::json::from_str::<inkuru_api::ErrorBody>(r#"{"code":"#);
    assert!(damaged.is_err());
    let wrong_shape = inkuru::json::from_str::<inkuru_api::ErrorBody>("[1,2]");
    assert!(wrong_shape.is_err());
}
