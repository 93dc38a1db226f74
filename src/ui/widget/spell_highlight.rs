//! Suspect words drawn in red in a `text_editor`, as the reporter types.
//!
//! iced's editor asks its [`Highlighter`] for the lines from the first one
//! that changed down to the last one on screen, so a keystroke re-checks
//! the edited paragraph and looks up the visible ones after it (a line seen
//! before is not checked again); lines off screen are checked only when
//! they scroll into view. iced 0.14's text format has a colour and a font
//! but no underline: suspect words are coloured (the theme's danger red).
//!
//! The word the caret is in is left unmarked while it is being typed
//! ("Việ" on the way to "Việt"); it is marked as soon as the caret leaves it.
//!
//! [`RightClick`] wraps an editor and reports where the right mouse button
//! was pressed, in the editor's text coordinates (what `Action::Click`
//! takes), so the word there can show its suggestions.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use iced::advanced::layout::{self, Layout};
use iced::advanced::text::highlighter::{self, Format};
use iced::advanced::widget::{Operation, Tree, tree};
use iced::advanced::{Clipboard, Shell, Widget, mouse, overlay, renderer};
use iced::{Element, Event, Font, Length, Padding, Point, Rectangle, Size, Theme, Vector};

use crate::text::spell::Checker;

/// What the highlighter checks with, and where the caret is.
#[derive(Debug, Clone)]
pub struct Marks {
    /// None: spelling marks are off.
    pub checker: Option<Arc<Checker>>,
    /// Changes whenever the checker or the whole text is replaced (a new
    /// dictionary word, an undo): everything is checked again.
    pub generation: u64,
    /// (line, byte column) of the caret, whose word is not marked yet.
    pub caret: Option<(usize, usize)>,
}

impl PartialEq for Marks {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.caret == other.caret
            && match (&self.checker, &other.checker) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// A suspect word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspect;

/// The suspect words' byte ranges in `line`, leaving out the word that
/// touches byte `caret` (the one being typed).
pub fn marks(checker: &Checker, line: &str, caret: Option<usize>) -> Vec<Range<usize>> {
    let mut found = checker.ranges(line);
    if let Some(c) = caret {
        found.retain(|r| !(r.start <= c && c <= r.end));
    }
    found
}

/// Lines seen, so that a line checked once is only looked up after an edit
/// above it; emptied when it grows past this (typing leaves one entry per
/// keystroke of the edited line).
const MEMO_LINES: usize = 4000;

pub struct SpellHighlighter {
    marks: Marks,
    current: usize,
    memo: HashMap<String, Vec<Range<usize>>>,
}

impl highlighter::Highlighter for SpellHighlighter {
    type Settings = Marks;
    type Highlight = Suspect;
    type Iterator<'a> = std::iter::Map<
        std::vec::IntoIter<Range<usize>>,
        fn(Range<usize>) -> (Range<usize>, Suspect),
    >;

    fn new(settings: &Marks) -> Self {
        SpellHighlighter {
            marks: settings.clone(),
            current: 0,
            memo: HashMap::new(),
        }
    }

    fn update(&mut self, new: &Marks) {
        let same_checker = match (&self.marks.checker, &new.checker) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same_checker {
            self.memo.clear(); // a line's marks depend on the checker, not on the text around it
        }
        if same_checker && self.marks.generation == new.generation {
            // Only the caret moved: its old line and its new one.
            for (line, _) in [self.marks.caret, new.caret].into_iter().flatten() {
                self.current = self.current.min(line);
            }
        } else {
            self.current = 0;
        }
        self.marks = new.clone();
    }

    fn change_line(&mut self, line: usize) {
        self.current = self.current.min(line);
    }

    fn highlight_line(&mut self, line: &str) -> Self::Iterator<'_> {
        let n = self.current;
        self.current += 1;
        let found = match &self.marks.checker {
            None => Vec::new(),
            Some(checker) => {
                let caret = self.marks.caret.filter(|(l, _)| *l == n).map(|(_, c)| c);
                if caret.is_some() {
                    marks(checker, line, caret)
                } else {
                    if self.memo.len() > MEMO_LINES {
                        self.memo.clear();
                    }
                    self.memo
                        .entry(line.to_owned())
                        .or_insert_with(|| marks(checker, line, None))
                        .clone()
                }
            }
        };
        found.into_iter().map(|r| (r, Suspect))
    }

    fn current_line(&self) -> usize {
        self.current
    }
}

/// Suspect words in the theme's danger red.
pub fn format(_: &Suspect, theme: &Theme) -> Format<Font> {
    Format {
        color: Some(theme.extended_palette().danger.base.color),
        font: None,
    }
}

/// An editor that also reports right-button presses (in text coordinates).
pub struct RightClick<'a, Message> {
    content: Element<'a, Message>,
    padding: Padding,
    on_right: Box<dyn Fn(Point) -> Message + 'a>,
}

impl<'a, Message> RightClick<'a, Message> {
    /// `padding`: the editor's own padding, so the point is where its text starts.
    pub fn new(
        content: impl Into<Element<'a, Message>>,
        padding: impl Into<Padding>,
        on_right: impl Fn(Point) -> Message + 'a,
    ) -> Self {
        RightClick {
            content: content.into(),
            padding: padding.into(),
            on_right: Box::new(on_right),
        }
    }
}

impl<Message> Widget<Message, Theme, iced::Renderer> for RightClick<'_, Message> {
    fn tag(&self) -> tree::Tag {
        self.content.as_widget().tag()
    }

    fn state(&self) -> tree::State {
        self.content.as_widget().state()
    }

    fn children(&self) -> Vec<Tree> {
        self.content.as_widget().children()
    }

    fn diff(&self, tree: &mut Tree) {
        self.content.as_widget().diff(tree);
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content.as_widget_mut().layout(tree, renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(tree, layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        if let Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)) = event
            && let Some(p) = cursor.position_in(layout.bounds())
        {
            let p = p - Vector::new(self.padding.left, self.padding.top);
            shell.publish((self.on_right)(p));
            shell.capture_event();
            return;
        }
        self.content.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, shell, viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.content
            .as_widget()
            .mouse_interaction(tree, layout, cursor, viewport, renderer)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content
            .as_widget()
            .draw(tree, renderer, theme, style, layout, cursor, viewport);
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, iced::Renderer>> {
        self.content
            .as_widget_mut()
            .overlay(tree, layout, renderer, viewport, translation)
    }
}

impl<'a, Message: 'a> From<RightClick<'a, Message>> for Element<'a, Message> {
    fn from(w: RightClick<'a, Message>) -> Self {
        Element::new(w)
    }
}

/// A small menu over the window at `anchor` (relative to where this
/// widget sits, the top left of its editor's stack): as large as its
/// content, moved left to stay inside the window, and put above the anchor
/// (by `flip`) when there is no room below it. Takes no room itself.
pub struct Popup<'a, Message> {
    anchor: Point,
    flip: f32,
    content: Element<'a, Message>,
}

impl<'a, Message> Popup<'a, Message> {
    pub fn new(anchor: Point, flip: f32, content: impl Into<Element<'a, Message>>) -> Self {
        Popup {
            anchor,
            flip,
            content: content.into(),
        }
    }
}

impl<Message> Widget<Message, Theme, iced::Renderer> for Popup<'_, Message> {
    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        Size::new(Length::Shrink, Length::Shrink)
    }

    fn layout(
        &mut self,
        _tree: &mut Tree,
        _renderer: &iced::Renderer,
        _limits: &layout::Limits,
    ) -> layout::Node {
        layout::Node::new(Size::ZERO)
    }

    fn draw(
        &self,
        _tree: &Tree,
        _renderer: &mut iced::Renderer,
        _theme: &Theme,
        _style: &renderer::Style,
        _layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        _renderer: &iced::Renderer,
        _viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, iced::Renderer>> {
        let at = layout.position() + translation + Vector::new(self.anchor.x, self.anchor.y);
        Some(overlay::Element::new(Box::new(PopupOverlay {
            at,
            flip: self.flip,
            content: &mut self.content,
            tree: &mut tree.children[0],
        })))
    }
}

impl<'a, Message: 'a> From<Popup<'a, Message>> for Element<'a, Message> {
    fn from(w: Popup<'a, Message>) -> Self {
        Element::new(w)
    }
}

struct PopupOverlay<'a, 'b, Message> {
    at: Point,
    flip: f32,
    content: &'a mut Element<'b, Message>,
    tree: &'a mut Tree,
}

impl<Message> overlay::Overlay<Message, Theme, iced::Renderer> for PopupOverlay<'_, '_, Message> {
    fn layout(&mut self, renderer: &iced::Renderer, bounds: Size) -> layout::Node {
        let node = self.content.as_widget_mut().layout(
            self.tree,
            renderer,
            &layout::Limits::new(Size::ZERO, bounds),
        );
        let size = node.size();
        let x = self.at.x.min(bounds.width - size.width).max(0.0);
        let y = if self.at.y + size.height > bounds.height {
            (self.at.y - self.flip - size.height).max(0.0)
        } else {
            self.at.y
        };
        node.move_to(Point::new(x, y))
    }

    fn draw(
        &self,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
    ) {
        self.content.as_widget().draw(
            self.tree,
            renderer,
            theme,
            style,
            layout,
            cursor,
            &layout.bounds(),
        );
    }

    fn operate(
        &mut self,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(self.tree, layout, renderer, operation);
    }

    fn update(
        &mut self,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
    ) {
        self.content.as_widget_mut().update(
            self.tree,
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            &layout.bounds(),
        );
    }

    fn mouse_interaction(
        &self,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            self.tree,
            layout,
            cursor,
            &layout.bounds(),
            renderer,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::advanced::text::Highlighter as _;

    fn marks_of(h: &mut SpellHighlighter, line: &str) -> Vec<Range<usize>> {
        h.highlight_line(line).map(|(r, _)| r).collect()
    }

    #[test]
    fn only_changed_lines_are_checked_again_and_the_typed_word_waits() {
        let checker = Arc::new(Checker::default());
        let mut h = SpellHighlighter::new(&Marks {
            checker: Some(checker.clone()),
            generation: 0,
            caret: None,
        });
        assert_eq!(marks_of(&mut h, "Tiếng Vieejt hay"), vec![8..14]);
        assert_eq!(marks_of(&mut h, "đúng cả"), Vec::<Range<usize>>::new());
        assert_eq!(h.current_line(), 2);
        h.change_line(1);
        assert_eq!(h.current_line(), 1);
        // The caret at the end of "Vieejt" (byte 14: "ế" is three bytes) on line 0: not marked while typed.
        h.update(&Marks {
            checker: Some(checker.clone()),
            generation: 0,
            caret: Some((0, 14)),
        });
        assert_eq!(h.current_line(), 0);
        assert!(marks_of(&mut h, "Tiếng Vieejt hay").is_empty());
        // A new checker (a dictionary word) checks everything again.
        h.update(&Marks {
            checker: Some(Arc::new(Checker::default().accept(["Vieejt"]))),
            generation: 1,
            caret: None,
        });
        assert_eq!(h.current_line(), 0);
        assert!(marks_of(&mut h, "Tiếng Vieejt hay").is_empty());
    }
}
