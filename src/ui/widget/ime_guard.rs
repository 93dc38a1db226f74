//! Ends an input method's unfinished word where it was typed.
//!
//! iced keeps the window's input context open while the focus moves from
//! one text field to another, so a word the input method is still
//! composing (ibus-unikey, Windows' Vietnamese Telex, fcitx5) follows the
//! click into the next field. GTK and Qt end the word on focus loss
//! instead. This wrapper, around the editor, does the same:
//!
//! - a mouse press while a word is being composed first hands the word, as
//!   the input method last showed it, to the focused field as a commit —
//!   before the press can move the focus, so it lands in the field it was
//!   typed in, at its caret — then publishes `on_press`;
//! - while `reset` is set, the next frame asks for no input method at all,
//!   so the platform drops its copy of the word (winit destroys the input
//!   context); on the frame after, it publishes `on_reset` and the focused
//!   field asks for a fresh input context as usual. (A message published
//!   while a frame is drawn makes iced rebuild the view and draw that
//!   frame again, and only the last pass's input method counts: hence the
//!   two frames.)

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{self, Tree, Widget, tree};
use iced::advanced::{Clipboard, InputMethod, Shell, input_method, mouse, overlay, renderer};
use iced::{Element, Event, Length, Rectangle, Size, Vector, window};

/// The input method was closed on the last frame.
struct Closed(bool);

pub struct ImeGuard<'a, Message, Theme, Renderer> {
    content: Element<'a, Message, Theme, Renderer>,
    /// The word being composed, and what to say once it is committed.
    on_press: Option<(String, Message)>,
    on_reset: Option<Message>,
}

/// Wraps `content`. `on_press`: the word being composed (`None`: nothing
/// is) and the message published once a mouse press committed it;
/// `on_reset`: published once the input method was closed for a frame
/// (`None`: no reset is wanted).
pub fn ime_guard<'a, Message, Theme, Renderer>(
    content: impl Into<Element<'a, Message, Theme, Renderer>>,
    on_press: Option<(String, Message)>,
    on_reset: Option<Message>,
) -> ImeGuard<'a, Message, Theme, Renderer> {
    ImeGuard {
        content: content.into(),
        on_press,
        on_reset,
    }
}

impl<Message, Theme, Renderer> Widget<Message, Theme, Renderer>
    for ImeGuard<'_, Message, Theme, Renderer>
where
    Message: Clone,
    Renderer: iced::advanced::Renderer,
{
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<Closed>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(Closed(false))
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn widget::Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        if let (Event::Mouse(mouse::Event::ButtonPressed(_)), Some((word, m))) =
            (event, &self.on_press)
        {
            // Before the field under the pointer takes the focus: the
            // focused field takes the word at its caret, as from the
            // input method itself.
            let commit = Event::InputMethod(input_method::Event::Commit(word.clone()));
            // Its own shell: the field capturing the commit must not stop
            // the press from reaching the field it is meant for.
            let mut committed = Vec::new();
            let mut own = Shell::new(&mut committed);
            self.content.as_widget_mut().update(
                &mut tree.children[0],
                &commit,
                layout,
                cursor,
                renderer,
                clipboard,
                &mut own,
                viewport,
            );
            if own.is_layout_invalid() {
                shell.invalidate_layout();
            }
            if own.are_widgets_invalid() {
                shell.invalidate_widgets();
            }
            for message in committed {
                shell.publish(message);
            }
            shell.request_redraw();
            shell.publish(m.clone());
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        if let (Event::Window(window::Event::RedrawRequested(_)), Some(m)) = (event, &self.on_reset)
        {
            let closed = tree.state.downcast_mut::<Closed>();
            if closed.0 {
                closed.0 = false;
                shell.publish(m.clone());
            } else {
                closed.0 = true;
                *shell.input_method_mut() = InputMethod::Disabled;
                shell.request_redraw();
            }
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<'a, Message, Theme, Renderer> From<ImeGuard<'a, Message, Theme, Renderer>>
    for Element<'a, Message, Theme, Renderer>
where
    Message: Clone + 'a,
    Theme: 'a,
    Renderer: iced::advanced::Renderer + 'a,
{
    fn from(guard: ImeGuard<'a, Message, Theme, Renderer>) -> Self {
        Element::new(guard)
    }
}
