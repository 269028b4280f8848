//! Browser tests of shared components mounted on their own (wasm-bindgen-test in headless
//! Chromium): the signature pad driven by real PointerEvents, the signature view, the prompter.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use huifang::domain::scripts::builtin;
use huifang::domain::scripts::sample::sample;
use huifang::i18n::Lang;
use huifang::i18n::library::sample_words;
use huifang::ui::components::prompter::{FillData, ScriptPrompter};
use huifang::ui::components::{SignaturePad, SignatureView};
use huifang::ui::state::AppState;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, PointerEvent, PointerEventInit};

wasm_bindgen_test_configure!(run_in_browser);

type Strokes = Vec<Vec<(u16, u16)>>;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fixed-size place to mount into, with the one rule of the app's CSS the pad's geometry
/// depends on (the test page does not load style/*.css).
fn host(id: &str, width_px: u32) -> HtmlElement {
    let doc = document();
    if doc.get_element_by_id("test-style").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("test-style");
        style.set_text_content(Some(
            "*{box-sizing:border-box} body{margin:0} .signature-canvas{display:block;width:100%;aspect-ratio:5/2;touch-action:none}",
        ));
        doc.head().unwrap().append_child(&style).unwrap();
    }
    let div: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    div.set_id(id);
    div.set_attribute("style", &format!("width:{width_px}px")).unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn pointer(target: &web_sys::Element, kind: &str, id: i32, x: f64, y: f64) {
    let rect = target.get_bounding_client_rect();
    let init = PointerEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_pointer_id(id);
    init.set_pointer_type("pen");
    init.set_is_primary(id == 1);
    init.set_button(if kind == "pointermove" { -1 } else { 0 });
    init.set_client_x((rect.left() + x).round() as i32);
    init.set_client_y((rect.top() + y).round() as i32);
    let event = PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn click(root: &HtmlElement, css: &str) {
    let button: HtmlElement = root.query_selector(css).unwrap().unwrap().dyn_into().unwrap();
    button.click();
}

fn mount_pad(id: &str, width: u32, strokes: RwSignal<Strokes>) -> (HtmlElement, web_sys::Element) {
    let root = host(id, width);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new(Lang::Zh));
        view! { <SignaturePad strokes /> }
    });
    // The pad stays mounted for the rest of the test page.
    std::mem::forget(handle);
    let canvas = root.query_selector("canvas").unwrap().unwrap();
    (root, canvas)
}

#[wasm_bindgen_test]
async fn a_pen_stroke_is_stored_as_points_in_the_1000_by_400_box() {
    let strokes = RwSignal::new(Strokes::new());
    let (_root, canvas) = mount_pad("pad-stroke", 500, strokes);
    tick().await;

    // The canvas is 500 × 200 CSS px: one pixel is two units of the box.
    pointer(&canvas, "pointerdown", 1, 50.0, 20.0);
    pointer(&canvas, "pointermove", 1, 250.0, 100.0);
    pointer(&canvas, "pointermove", 1, 251.0, 100.0); // too close to add anything
    pointer(&canvas, "pointermove", 1, 450.0, 180.0);
    pointer(&canvas, "pointerup", 1, 450.0, 180.0);
    tick().await;
    assert_eq!(strokes.get_untracked(), vec![vec![(100, 40), (500, 200), (900, 360)]]);

    // A stroke that runs out of the box is clamped to its edge.
    pointer(&canvas, "pointerdown", 1, 10.0, 10.0);
    pointer(&canvas, "pointermove", 1, 600.0, 300.0);
    pointer(&canvas, "pointerup", 1, 600.0, 300.0);
    tick().await;
    assert_eq!(strokes.get_untracked()[1], vec![(20, 20), (1000, 400)]);
}

#[wasm_bindgen_test]
async fn the_backing_store_follows_the_device_pixel_ratio_for_sharp_lines() {
    let strokes = RwSignal::new(vec![vec![(0, 0), (1000, 400)]]);
    let (_root, canvas) = mount_pad("pad-dpr", 400, strokes);
    tick().await;
    let canvas: web_sys::HtmlCanvasElement = canvas.dyn_into().unwrap();
    let dpr = web_sys::window().unwrap().device_pixel_ratio().max(1.0);
    assert_eq!(canvas.width(), (400.0 * dpr).round() as u32);
    assert_eq!(canvas.height(), (160.0 * dpr).round() as u32);
}

#[wasm_bindgen_test]
async fn a_second_finger_or_a_palm_does_not_draw_while_a_stroke_is_under_way() {
    let strokes = RwSignal::new(Strokes::new());
    let (_root, canvas) = mount_pad("pad-palm", 500, strokes);
    tick().await;
    pointer(&canvas, "pointerdown", 1, 100.0, 100.0);
    pointer(&canvas, "pointerdown", 2, 400.0, 50.0);
    pointer(&canvas, "pointermove", 2, 420.0, 60.0);
    pointer(&canvas, "pointermove", 1, 200.0, 100.0);
    pointer(&canvas, "pointerup", 2, 420.0, 60.0);
    pointer(&canvas, "pointerup", 1, 200.0, 100.0);
    tick().await;
    assert_eq!(strokes.get_untracked(), vec![vec![(200, 200), (400, 200)]]);
}

#[wasm_bindgen_test]
async fn undo_removes_the_last_stroke_and_clear_removes_all() {
    let strokes = RwSignal::new(Strokes::new());
    let (root, canvas) = mount_pad("pad-undo", 500, strokes);
    tick().await;
    let undo: web_sys::HtmlButtonElement =
        root.query_selector("[data-signature=undo]").unwrap().unwrap().dyn_into().unwrap();
    assert!(undo.disabled(), "nothing to undo on an empty pad");
    for y in [50.0, 100.0, 150.0] {
        pointer(&canvas, "pointerdown", 1, 100.0, y);
        pointer(&canvas, "pointermove", 1, 300.0, y);
        pointer(&canvas, "pointerup", 1, 300.0, y);
    }
    tick().await;
    assert_eq!(strokes.get_untracked().len(), 3);
    assert!(root.text_content().unwrap().contains("已签 3 笔"));

    click(&root, "[data-signature=undo]");
    tick().await;
    assert_eq!(strokes.get_untracked(), vec![vec![(200, 100), (600, 100)], vec![(200, 200), (600, 200)]]);

    click(&root, "[data-signature=clear]");
    tick().await;
    assert!(strokes.get_untracked().is_empty());
    assert!(root.text_content().unwrap().contains("还没有签名"));
}

#[wasm_bindgen_test]
async fn a_stored_signature_is_drawn_again_as_svg_paths() {
    let root = host("sig-view", 300);
    let strokes: Strokes = vec![vec![(10, 20), (300, 200), (990, 380)], vec![(500, 100)]];
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new(Lang::En));
        view! { <SignatureView strokes=Signal::stored(strokes.clone()) /> }
    });
    std::mem::forget(handle);
    tick().await;
    let svg = root.query_selector("svg").unwrap().unwrap();
    assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 1000 400"));
    assert_eq!(svg.get_attribute("aria-label").as_deref(), Some("Customer's signature"));
    let paths = root.query_selector_all("path").unwrap();
    assert_eq!(paths.length(), 2);
    let d = |i| paths.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().get_attribute("d").unwrap();
    assert_eq!(d(0), "M10 20 L300 200 L990 380");
    assert_eq!(d(1), "M500 100 l0 0", "a dot stays visible");
}

#[wasm_bindgen_test]
async fn the_prompter_marks_missing_details_and_counts_the_questions_asked() {
    let root = host("prompter", 600);
    let script = builtin::script("complaint", Lang::Zh).unwrap();
    let s = sample(&script, NaiveDate::from_ymd_opt(2026, 6, 3).unwrap(), sample_words);
    // No profile in the settings: the agent's name and company are missing.
    let data = FillData { customer: Some(s.customer), item: Some(s.item), feedback: s.feedback, ..FillData::default() };
    let asked = RwSignal::new(Vec::<usize>::new());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new(Lang::Zh));
        view! { <ScriptPrompter script=Signal::stored(script.clone()) data=Signal::stored(data.clone()) asked /> }
    });
    std::mem::forget(handle);
    tick().await;

    let opening = root.query_selector("[data-section=opening] .prompter-say").unwrap().unwrap();
    let text = opening.text_content().unwrap();
    assert!(text.contains("张先生"), "{text}");
    assert!(text.contains("【坐席】") && text.contains("【公司】"), "{text}");
    assert!(root.query_selector("mark.ph-missing").unwrap().is_some());

    let boxes = root.query_selector_all(".checklist input[type=checkbox]").unwrap();
    assert!(boxes.length() >= 3);
    boxes.item(1).unwrap().dyn_into::<HtmlElement>().unwrap().click();
    tick().await;
    assert_eq!(asked.get_untracked(), vec![1]);
    let count = root.query_selector("[data-section=questions] .prompter-count").unwrap().unwrap();
    assert_eq!(count.text_content().unwrap(), format!("已问 1/{}", boxes.length()));

    let fallbacks = root.query_selector("[data-section=fallbacks]").unwrap().unwrap();
    assert!(!fallbacks.has_attribute("open"), "the answers to objections start folded");
}

/// Record ids become shared document ids (exports, a sync server): 128 bits from the browser's
/// cryptographic generator, written as 32 hex digits, never repeating.
#[wasm_bindgen_test]
fn new_record_ids_are_128_random_bits_and_never_repeat() {
    let ids: Vec<String> = (0..2000).map(|_| huifang::ui::state::new_id().to_string()).collect();
    assert!(ids.iter().all(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())), "{:?}", &ids[..3]);
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len());
    // Every hex digit turns up in every position over 2,000 ids: no position is stuck, as a
    // generator with a few bits of state would leave some.
    for position in 0..32 {
        let seen: std::collections::HashSet<u8> = ids.iter().map(|id| id.as_bytes()[position]).collect();
        assert_eq!(seen.len(), 16, "position {position} saw only {seen:?}");
    }
}

/// The one path from a page to memory (`AppState::apply`): once written (here the app runs in
/// memory-only mode, where a write always succeeds), what was saved replaces the record of the same
/// key, a record saved twice in one change is there once as last saved, and what was deleted is
/// gone; nothing else moves.
#[wasm_bindgen_test]
async fn applied_changes_replace_add_and_remove_records_in_memory_by_key() {
    use huifang::domain::visit::Visit;
    use huifang::ui::state::{Changes, LoadStatus};
    let owner = Owner::new();
    owner.set();
    let app = AppState::new(Lang::Zh);
    app.status.set(LoadStatus::MemoryOnly);
    let visit = |id: &str, content: &str| Visit { id: id.into(), content: content.into(), ..Visit::default() };
    app.visits.set(vec![visit("a", "old a"), visit("b", "b"), visit("c", "c")]);

    let mut changes = Changes::new();
    changes.save(&visit("a", "new a"));
    changes.save(&visit("d", "first d"));
    changes.save(&visit("d", "second d"));
    changes.delete(&visit("b", "b"));
    app.apply(changes).await.expect("memory-only writes succeed");

    let now: Vec<(String, String, u64)> =
        app.visits.get_untracked().iter().map(|v| (v.id.to_string(), v.content.clone(), v.rev)).collect();
    assert_eq!(
        now,
        vec![
            ("a".to_string(), "new a".to_string(), 1),
            ("c".to_string(), "c".to_string(), 0),
            ("d".to_string(), "second d".to_string(), 1),
        ]
    );
}

/// A toast that says the same as one still shown takes its place (the newest Undo with it);
/// different messages stack, and an error never replaces a confirmation of the same words. What a
/// toast says is read in the language shown: switched while it is up, it reads in the new one.
#[wasm_bindgen_test]
fn a_repeated_message_replaces_the_one_shown_and_every_message_follows_the_language() {
    use huifang::ui::state::{ToastKind, Words};
    let owner = Owner::new();
    owner.set();
    let app = AppState::new(Lang::Zh);
    app.toast(|t| (t.customers.demo_loaded)(30));
    let first = app.toast_with_action(Words::new(|t| t.common.saved), Words::new(|t| t.common.undo));
    let second = app.toast_with_action(Words::new(|t| t.common.saved), Words::new(|t| t.common.undo));
    app.toast_error(|t| t.common.saved);
    // (words, kind, (action label, token)) of each toast shown, read in `lang`.
    type Shown = Vec<(String, ToastKind, Option<(String, u64)>)>;
    let shown = |lang: Lang| -> Shown {
        app.toasts
            .get_untracked()
            .iter()
            .map(|t| (t.words.read(lang), t.kind, t.action.as_ref().map(|a| (a.label.read(lang), a.token))))
            .collect()
    };
    assert_ne!(first, second);
    assert_eq!(
        shown(Lang::Zh),
        vec![
            ("已载入 30 位演示客户，随时可以一键删除".to_string(), ToastKind::Info, None),
            ("已保存".to_string(), ToastKind::Info, Some(("撤销".to_string(), second))),
            ("已保存".to_string(), ToastKind::Error, None),
        ]
    );
    assert_eq!(
        shown(Lang::En),
        vec![
            ("30 demo customers loaded; remove them in one step at any time".to_string(), ToastKind::Info, None),
            ("Saved".to_string(), ToastKind::Info, Some(("Undo".to_string(), second))),
            ("Saved".to_string(), ToastKind::Error, None),
        ]
    );
}
