//! Tells other open tabs what this tab wrote, so they re-read it (BroadcastChannel).

use crate::store::record::Collection;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

const CHANNEL: &str = "huifang-changes";

/// A tab told of more changed records than this reads the whole book again instead of each
/// record: each one read alone is a page read and a pass over the tab's list. An import of the
/// 5,000-customer book named its 70,000 records: ~50 ms to write the notice here, and the other
/// tab froze reading them one by one.
const NAMED_AT_MOST: usize = 256;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeNotice {
    /// The tab that wrote; a tab ignores its own notices.
    pub tab: String,
    /// (collection name, key) of every record written or deleted.
    pub changed: Vec<(String, String)>,
    /// Too many records changed to name them (a sync brought a book): read everything again.
    #[serde(default)]
    pub everything: bool,
}

impl ChangeNotice {
    pub fn new(tab: &str, touched: &[(Collection, String)]) -> ChangeNotice {
        ChangeNotice {
            tab: tab.to_string(),
            changed: touched.iter().map(|(c, k)| (c.name().to_string(), k.clone())).collect(),
            everything: false,
        }
    }

    pub fn records(&self) -> impl Iterator<Item = (Collection, &str)> {
        self.changed.iter().filter_map(|(c, k)| Some((Collection::from_name(c)?, k.as_str())))
    }
}

/// The tab's end of the channel. Browsers without BroadcastChannel get a silent no-op.
pub struct Channel {
    channel: Option<web_sys::BroadcastChannel>,
    pub tab: String,
}

impl Channel {
    pub fn open(tab: String) -> Channel {
        Channel { channel: web_sys::BroadcastChannel::new(CHANNEL).ok(), tab }
    }

    /// Names the records written, or past [`NAMED_AT_MOST`] of them, tells other tabs to read
    /// everything again.
    pub fn announce(&self, touched: &[(Collection, String)]) {
        let Some(channel) = &self.channel else { return };
        if touched.is_empty() {
            return;
        }
        if touched.len() > NAMED_AT_MOST {
            return self.announce_everything();
        }
        if let Ok(json) = serde_json::to_string(&ChangeNotice::new(&self.tab, touched)) {
            let _ = channel.post_message(&json.into());
        }
    }

    /// Tells other tabs to read the whole book again.
    pub fn announce_everything(&self) {
        let Some(channel) = &self.channel else { return };
        let notice = ChangeNotice { tab: self.tab.clone(), changed: Vec::new(), everything: true };
        if let Ok(json) = serde_json::to_string(&notice) {
            let _ = channel.post_message(&json.into());
        }
    }

    /// Calls `on_notice` for every notice from another tab, for the life of the page.
    pub fn listen(&self, on_notice: impl Fn(ChangeNotice) + 'static) {
        let Some(channel) = &self.channel else { return };
        let own_tab = self.tab.clone();
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(text) = event.data().as_string() else { return };
            let Ok(notice) = serde_json::from_str::<ChangeNotice>(&text) else { return };
            if notice.tab != own_tab {
                on_notice(notice);
            }
        });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
    }
}
