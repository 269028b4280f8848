//! Accessibility: axe-core (pinned in package.json, installed by scripts/tools.sh) finds no
//! serious or critical violation of WCAG 2.1 A/AA or its best practices on any page, in Chinese
//! and English, light and dark, at phone and desktop widths, with the demo book loaded; and on a
//! phone, every page fits the screen's width.

use crate::harness::*;
use fantoccini::Client;
use serde_json::{Value, json};

/// Every page a user reaches, with one customer of the demo book where a page needs one.
fn pages(customer: &str) -> Vec<String> {
    let mut pages: Vec<String> = ["#/today", "#/customers", "#/customers/new", "#/customers/import", "#/scripts"]
        .into_iter()
        .chain(["#/reports", "#/settings", "#/data"])
        .map(String::from)
        .collect();
    pages.push(format!("#/customers/{customer}"));
    pages.push(format!("#/customers/{customer}/edit"));
    pages.push(format!("#/visit?customer={customer}"));
    pages
}

/// The serious and critical violations axe-core finds on the page as it is now, one line each.
pub(crate) async fn violations(browser: &Client) -> Vec<String> {
    let axe = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/node_modules/axe-core/axe.min.js"))
        .expect("axe-core is installed (scripts/tools.sh runs npm ci)");
    browser.execute(&axe, vec![]).await.expect("load axe-core");
    let script = r#"
        const [done] = arguments;
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
            .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.slice(0, 3).map(n => `${v.id}: ${n.target.join(' ')} ${(n.failureSummary || '').split('\n')[1] || ''}`))))
            .catch(e => done(['axe failed: ' + e]));
    "#;
    let found: Value = browser.execute_async(script, vec![]).await.expect("run axe-core");
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

/// What does not fit the screen's width: the page scrolling sideways, or a box whose content runs
/// past its edge behind a sideways scroll (the customer filters did, with the scrollbar hidden).
/// Wide tables scroll on purpose, inside their own box, and are left out.
async fn sideways(browser: &Client) -> Vec<String> {
    let found = eval(
        browser,
        "const out = [];
         const page = document.documentElement.scrollWidth;
         if (page > innerWidth + 1) out.push(`the page is ${page} px wide on a ${innerWidth} px screen`);
         for (const el of document.querySelectorAll('#main *')) {
             const x = getComputedStyle(el).overflowX;
             if ((x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1 && !el.querySelector('table'))
                 out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} scrolls sideways: ${el.scrollWidth} px in ${el.clientWidth}`);
         }
         return out;",
    )
    .await;
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

async fn audit_every_page(s: &Sessions, size: (u32, u32), dark: bool) {
    let browser = s.open(size).await;
    if dark {
        cdp(
            &browser,
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
        )
        .await;
    }
    let base = s.base().await;
    browser.goto(&format!("{base}#/customers")).await.unwrap();
    wait_ready(&browser).await;
    click(&browser, "#load-demo").await;
    wait_text(&browser, ".toasts", "已载入").await;
    let customer = eval(
        &browser,
        "return [...document.querySelectorAll('a[href^=\"#/customers/demo-\"]')].map(a => a.getAttribute('href').split('/')[2])[0]",
    )
    .await;
    let customer = customer.as_str().expect("a demo customer in the list").to_string();
    let mut failures = Vec::new();
    for lang in ["zh", "en"] {
        eval(&browser, &format!("localStorage.setItem('huifang.lang', '{lang}')")).await;
        for page in pages(&customer) {
            browser.goto(&format!("{base}{page}")).await.unwrap();
            browser.refresh().await.unwrap();
            wait_ready(&browser).await;
            // Charts and lists settle in the frame after the data arrives.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            for v in violations(&browser).await {
                failures.push(format!("{lang} {page}: {v}"));
            }
            if size == PHONE {
                for v in sideways(&browser).await {
                    failures.push(format!("{lang} {page}: {v}"));
                }
            }
        }
    }
    eval(&browser, "localStorage.setItem('huifang.lang', 'zh')").await;
    assert!(failures.is_empty(), "axe-core, {} wide, dark {dark}:\n{}", size.0, failures.join("\n"));
}

#[tokio::test]
async fn no_page_has_a_serious_accessibility_violation_on_a_phone_and_every_page_fits_its_width() {
    run(|s| async move { audit_every_page(&s, PHONE, false).await }).await;
}

#[tokio::test]
async fn no_page_has_a_serious_accessibility_violation_on_a_desktop_in_the_dark_scheme() {
    run(|s| async move { audit_every_page(&s, DESKTOP, true).await }).await;
}
