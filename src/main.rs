#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    huifang::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Huifang runs in the browser: start it with `scripts/serve.sh` (see README.md).");
}
