//! The customer's signature on an on-site visit (DOMAIN.md "After a visit": on-site visits carry
//! it): a pad to draw it with a finger, a pen or a mouse, and a view that shows it again.
//!
//! Strokes are vectors in the 0–1000 × 0–400 box of [`crate::domain::visit::Signature`], so a
//! signature drawn on a phone looks the same on a laptop and prints sharply as SVG.

use crate::domain::record::form::Strokes;
use crate::ui::components::markup::Action;
use crate::ui::state::use_app;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, PointerEvent};

const BOX_W: f64 = 1000.0;
const BOX_H: f64 = 400.0;
/// Points closer than this (in box units) to the previous one add nothing but size.
const MIN_STEP: i32 = 3;
/// Ink of the pad and of the view: stroke width in box units.
const INK_WIDTH: f64 = 6.0;

crate::ui::components::markup::actions! {
    /// The pad's two buttons, named in `data-signature` (the pad sits inside forms that have
    /// their own `data-action`s).
    enum PadAction { Undo = "undo", Clear = "clear" }
}

/// A signature pad. It writes every finished stroke, undo and clear into `strokes`, and redraws
/// whenever `strokes` changes from outside (a draft restored after a reload).
///
/// ```ignore
/// let strokes = RwSignal::new(Vec::new());
/// view! { <SignaturePad strokes /> <SignatureView strokes /> }
/// ```
///
/// Pointer Events cover touch, pen and mouse alike. The canvas sets `touch-action: none` so a
/// finger draws instead of scrolling the page, captures the pointer so a stroke that leaves the
/// box keeps drawing (clamped to the edge), and ignores a second finger or a palm while a stroke
/// is under way. The backing store follows `devicePixelRatio` so lines are sharp on phones.
/// The pad is markup updated by one effect rather than a `view!` tree: a fraction of the wasm.

#[component]
pub fn SignaturePad(
    strokes: RwSignal<Strokes>,
    /// The canvas's `id`, for a `<label for>` or a test.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let app = use_app();
    let root = NodeRef::<leptos::html::Div>::new();
    // The stroke being drawn and the pointer drawing it.
    let current = StoredValue::new(None::<(i32, Vec<(u16, u16)>)>);
    let canvas = move || {
        root.get_untracked()
            .and_then(|r| r.query_selector("canvas").ok().flatten())
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    };

    // Everything that follows the strokes and the language: the drawing, the count, the
    // buttons, the hint in the empty pad.
    Effect::new(move |_| {
        let t = &app.t().signature;
        let Some(root) = root.get() else { return };
        strokes.with(|all| {
            if let Some(c) = canvas() {
                let _ = c.set_attribute("aria-label", t.pad_label);
                redraw(&c, all);
            }
            let set = |css: &str, text: &str, disabled: Option<bool>| {
                if let Ok(Some(e)) = root.query_selector(css) {
                    e.set_text_content(Some(text));
                    match disabled {
                        Some(true) => drop(e.set_attribute("disabled", "")),
                        Some(false) => drop(e.remove_attribute("disabled")),
                        None => {}
                    }
                }
            };
            let empty = all.is_empty();
            let count = if empty { t.empty.to_string() } else { (t.strokes)(all.len()) };
            set(".signature-status", &count, None);
            set("[data-signature=undo]", t.undo, Some(empty));
            set("[data-signature=clear]", t.clear, Some(empty));
            set(".signature-hint", if empty { t.sign_here } else { "" }, None);
        });
    });
    // A rotated tablet or a resized window changes the canvas's size, which clears it.
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(c) = canvas() {
            strokes.with_untracked(|all| redraw(&c, all));
        }
    });
    on_cleanup(move || on_resize.remove());

    let on_down = move |ev: PointerEvent| {
        if (ev.pointer_type() == "mouse" && ev.button() != 0) || current.with_value(Option::is_some) {
            return;
        }
        let Some(c) = canvas().filter(|c| ev.target().is_some_and(|t| t.loose_eq(c))) else { return };
        ev.prevent_default();
        // The pad may have been laid out after its first draw (shown in a collapsed section).
        if needs_resize(&c) {
            strokes.with_untracked(|all| redraw(&c, all));
        }
        // Fails for a pointer the browser no longer tracks; drawing works without capture.
        let _ = c.set_pointer_capture(ev.pointer_id());
        let point = to_box(&c, &ev);
        draw_stroke(&c, &[point]);
        current.set_value(Some((ev.pointer_id(), vec![point])));
        if let Some(hint) = c.next_element_sibling() {
            hint.set_text_content(None);
        }
    };
    let on_move = move |ev: PointerEvent| {
        let Some(c) = canvas() else { return };
        let point = to_box(&c, &ev);
        let segment = current
            .try_update_value(|cur| {
                let (pointer, points) = cur.as_mut()?;
                if *pointer != ev.pointer_id() {
                    return None;
                }
                let last = *points.last()?;
                let far = (i32::from(point.0) - i32::from(last.0)).abs() >= MIN_STEP
                    || (i32::from(point.1) - i32::from(last.1)).abs() >= MIN_STEP;
                far.then(|| {
                    points.push(point);
                    [last, point]
                })
            })
            .flatten();
        if let Some(segment) = segment {
            ev.prevent_default();
            draw_stroke(&c, &segment);
        }
    };
    let on_up = move |ev: PointerEvent| {
        let finished = current
            .try_update_value(|cur| match cur {
                Some((pointer, _)) if *pointer == ev.pointer_id() => cur.take().map(|(_, points)| points),
                _ => None,
            })
            .flatten();
        if let Some(points) = finished {
            strokes.update(|all| all.push(points));
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let pressed = crate::ui::components::markup::target_element(&ev)
            .and_then(|e| e.closest("[data-signature]").ok().flatten())
            .and_then(|e| e.get_attribute("data-signature"))
            .and_then(|name| PadAction::parse(&name));
        match pressed {
            Some(PadAction::Undo) => strokes.update(|all| {
                all.pop();
            }),
            Some(PadAction::Clear) => strokes.set(Vec::new()),
            None => {}
        }
    };

    let markup = maud::html! {
        div.signature-box {
            canvas.signature-canvas role="img" id=[id] {}
            span.signature-hint aria-hidden="true" {}
        }
        div.signature-actions {
            span.signature-status aria-live="polite" {}
            button.button.small type="button" data-signature=(PadAction::Undo) {}
            button.button.small type="button" data-signature=(PadAction::Clear) {}
        }
    }
    .into_string();
    view! {
        <div class="signature-pad" node_ref=root inner_html=markup on:click=on_click
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up></div>
    }
}

/// A stored signature drawn again, as SVG: it scales with the page and prints sharply.
#[component]
pub fn SignatureView(#[prop(into)] strokes: Signal<Strokes>) -> impl IntoView {
    let app = use_app();
    let paths = move || strokes.with(|all| maud::html! { @for s in all { path d=(path_data(s)) {} } }.into_string());
    view! {
        <svg class="signature-view" viewBox="0 0 1000 400" role="img"
            aria-label=move || app.t().signature.view_label inner_html=paths></svg>
    }
}

/// `M x y L x y …`; a single point is a zero-length line, which round caps draw as a dot.
fn path_data(stroke: &[(u16, u16)]) -> String {
    let mut d = String::with_capacity(stroke.len() * 8);
    for (i, (x, y)) in stroke.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { " L" });
        d.push_str(&format!("{x} {y}"));
    }
    if stroke.len() == 1 {
        d.push_str(" l0 0");
    }
    d
}

fn to_box(canvas: &HtmlCanvasElement, ev: &PointerEvent) -> (u16, u16) {
    let r = canvas.get_bounding_client_rect();
    let scale = |offset: f64, size: f64, max: f64| {
        if size <= 0.0 { 0 } else { ((offset / size) * max).clamp(0.0, max).round() as u16 }
    };
    (
        scale(f64::from(ev.client_x()) - r.left(), r.width(), BOX_W),
        scale(f64::from(ev.client_y()) - r.top(), r.height(), BOX_H),
    )
}

fn device_size(canvas: &HtmlCanvasElement) -> (u32, u32, f64) {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let w = (f64::from(canvas.client_width()) * dpr).round() as u32;
    let h = (f64::from(canvas.client_height()) * dpr).round() as u32;
    (w, h, dpr)
}

fn needs_resize(canvas: &HtmlCanvasElement) -> bool {
    let (w, h, _) = device_size(canvas);
    canvas.width() != w || canvas.height() != h
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Sizes the backing store to the displayed size × devicePixelRatio and draws every stroke.
fn redraw(canvas: &HtmlCanvasElement, strokes: &Strokes) {
    let (w, h, _) = device_size(canvas);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let Some(ctx) = context(canvas) else { return };
    ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    for stroke in strokes {
        draw_stroke(canvas, stroke);
    }
}

/// Draws a stroke (or the newest segment of one) in device pixels.
fn draw_stroke(canvas: &HtmlCanvasElement, points: &[(u16, u16)]) {
    let Some(ctx) = context(canvas) else { return };
    let sx = f64::from(canvas.width()) / BOX_W;
    let sy = f64::from(canvas.height()) / BOX_H;
    let at = |(x, y): (u16, u16)| (f64::from(x) * sx, f64::from(y) * sy);
    let width = INK_WIDTH * sx;
    ctx.set_line_width(width);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.set_stroke_style_str("#1b2a4a");
    ctx.set_fill_style_str("#1b2a4a");
    ctx.begin_path();
    match points {
        [] => return,
        [only] => {
            let (x, y) = at(*only);
            let _ = ctx.arc(x, y, width / 2.0, 0.0, std::f64::consts::TAU);
            ctx.fill();
            return;
        }
        [first, rest @ ..] => {
            let (x, y) = at(*first);
            ctx.move_to(x, y);
            for p in rest {
                let (x, y) = at(*p);
                ctx.line_to(x, y);
            }
        }
    }
    ctx.stroke();
}
