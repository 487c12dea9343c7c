//! The comments widget's frame (`/embed/comments/{slug}`, issue 14) as a program of its own: the
//! app's comments (`inkuru::embed`) and what they reach, without the site's router, pages and
//! chrome, so a partner's reader downloads the comments' code and nothing else, and only once
//! they move towards the frame (public/widget-frame.js). The server writes the frame's document
//! and its first view (server/src/widgets/comments.rs); the build makes this program next to the
//! site's (xtask/src/comments_frame.rs).

fn main() {
    // As in src/main.rs: with immediate-abort panics there is nobody to print a message.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    inkuru::embed::start();
}
