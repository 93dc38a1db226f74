//! What the drafts list shows: every draft's summary, its cached
//! thumbnail, and the drafts a session left unfinished.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::draft::{Store, Summary};
use crate::error::Result;

#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub list: Vec<Summary>,
    pub thumbs: HashMap<String, PathBuf>,
    /// Drafts left with a journal by a session that did not end (a crash,
    /// a power cut) and that no live window is editing: (id, title).
    pub unfinished: Vec<(String, String)>,
}

impl Listing {
    /// Reads the drafts list and looks for each draft's cached thumbnail.
    /// Blocking: run it off the UI thread.
    pub fn read(store: &Store) -> Result<Listing> {
        let list = store.list()?;
        let thumbs = list
            .iter()
            .filter_map(|s| {
                let f = s.thumbnail.as_ref()?;
                let p = crate::photo_cache::thumb_path(&store.draft_dir(&s.id), f);
                p.exists().then(|| (s.id.clone(), p))
            })
            .collect();
        let unfinished = list
            .iter()
            .filter(|s| crate::journal::left_behind(&store.draft_dir(&s.id)))
            .map(|s| (s.id.clone(), s.title.clone()))
            .collect();
        Ok(Listing {
            list,
            thumbs,
            unfinished,
        })
    }
}
