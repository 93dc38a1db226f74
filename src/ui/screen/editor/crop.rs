//! The crop view: one photo, turned as it will be shown, under a rectangle
//! the reporter drags and resizes (an iced canvas drawing the photo and the
//! frame), presets for the portal's shapes, "Đặt lại", and confirm/cancel.
//!
//! The rectangle lives in pixels of the whole photo as shown turned (the
//! original's full size, not the screen's), so the screen's size never
//! changes the crop; `PhotoEdit::crop_from_shown` turns it into the upright
//! crop the article keeps.

use std::path::Path;

use iced::keyboard::{self, key::Named};
use iced::widget::canvas::{self, Canvas, Frame, Geometry, Stroke};
use iced::widget::{button, column, container, image, row, space, stack, text};
use iced::{Color, Element, Fill, Point, Rectangle, Size, Task, mouse};

use crate::article::Photo;
use crate::error::Error;
use crate::lang::Lang;
use crate::photo::{self, CropRect, PhotoEdit};
use crate::photo_cache::{self, PhotoCopies};
use crate::ui::i18n::T;
use crate::ui::{task, theme};

/// The shapes offered besides "Tự do" (free).
pub const PRESETS: [(u32, u32); 4] = [(16, 9), (3, 2), (4, 3), (1, 1)];
/// A corner grip reaches this far from the corner, in screen pixels.
const GRIP: f32 = 14.0;
/// The smallest side of a crop, as a share of the photo's long side.
const MIN_SIDE: f32 = 0.03;

pub struct Crop {
    pub id: u32,
    /// The photo's edit without its crop: the rotation the view shows.
    turn: PhotoEdit,
    /// The original's upright size, once known.
    upright: Option<(u32, u32)>,
    image: Option<image::Handle>,
    /// In pixels of the whole photo as shown turned.
    rect: Rectangle,
    ratio: Option<(u32, u32)>,
    crop: Option<CropRect>,
    /// The cover's shape from the settings (the cover starts with it).
    default_ratio: Option<(u32, u32)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<(PhotoCopies, (u32, u32)), Error>),
    Ratio(Option<(u32, u32)>),
    Reset,
    Drag(Rectangle),
    Confirm,
    Cancel,
}

pub enum Action {
    None,
    /// Give photo `id` this crop (None: the whole photo).
    Apply(u32, Option<CropRect>),
    Close,
    Fail(Error),
}

impl Crop {
    /// The view for `photo` of the draft in `dir`; `default_ratio` is the
    /// shape a photo without a crop starts with (the cover's). Also returns
    /// the work that loads the photo turned but uncropped, off the UI thread.
    pub fn open(
        dir: &Path,
        photo: &Photo,
        default_ratio: Option<(u32, u32)>,
    ) -> (Crop, Task<Message>) {
        let turn = PhotoEdit {
            crop: None,
            ..photo.edit
        };
        let whole = Photo {
            edit: turn,
            ..photo.clone()
        };
        let dir = dir.to_path_buf();
        let load = Task::perform(
            task::try_blocking(move || {
                // The preview-size copy of the turned photo: usually in the
                // cache already, as the preview showed it before the crop.
                let copies = photo_cache::copies(&dir, &whole)?;
                let path = crate::draft::photo_path(&dir, &whole.file)?;
                let info = photo::probe(&path).map_err(|error| Error::Photo {
                    file: whole.file.clone(),
                    error,
                })?;
                Ok((copies, (info.width, info.height)))
            }),
            Message::Loaded,
        );
        let crop = Crop {
            id: photo.id,
            turn,
            upright: None,
            image: None,
            rect: Rectangle::default(),
            ratio: None,
            crop: photo.edit.crop,
            default_ratio,
        };
        (crop, load)
    }

    /// The whole photo as shown turned, in pixels.
    fn size(&self) -> Option<Size> {
        let (w, h) = self.upright?;
        let (w, h) = self.turn.turned_size(w, h);
        Some(Size::new(w as f32, h as f32))
    }

    fn whole(&self) -> Rectangle {
        Rectangle::with_size(self.size().unwrap_or(Size::ZERO))
    }

    /// The largest centred rectangle of shape `ratio` (or the whole photo).
    fn centred(&self, ratio: Option<(u32, u32)>) -> Rectangle {
        let (Some((rw, rh)), Some(size)) = (ratio, self.size()) else {
            return self.whole();
        };
        let c = PhotoEdit::default().centered_crop(size.width as u32, size.height as u32, rw, rh);
        rect_of(c)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(Ok((copies, upright))) => {
                self.image = Some(image::Handle::from_bytes(copies.preview));
                self.upright = Some(upright);
                let (w, h) = upright;
                if self.crop.is_some() {
                    let edit = PhotoEdit {
                        crop: self.crop,
                        ..self.turn
                    };
                    self.rect = rect_of(edit.shown_crop(w, h));
                    self.ratio = PRESETS.into_iter().find(|&r| has_ratio(self.rect, r));
                } else {
                    self.ratio = self.default_ratio;
                    self.rect = self.centred(self.ratio);
                }
                Action::None
            }
            Message::Loaded(Err(e)) => Action::Fail(e),
            Message::Ratio(r) => {
                self.ratio = r;
                if r.is_some() {
                    self.rect = self.centred(r);
                }
                Action::None
            }
            Message::Reset => {
                self.ratio = None;
                self.rect = self.whole();
                Action::None
            }
            Message::Drag(r) => {
                self.rect = r;
                Action::None
            }
            Message::Confirm => match self.upright {
                Some((w, h)) => Action::Apply(self.id, self.chosen(w, h)),
                None => Action::None,
            },
            Message::Cancel => Action::Close,
        }
    }

    /// The crop to keep, in upright pixels; None for the whole photo.
    fn chosen(&self, w: u32, h: u32) -> Option<CropRect> {
        let size = self.size()?;
        let mut r = CropRect {
            x: self.rect.x.round() as u32,
            y: self.rect.y.round() as u32,
            w: (self.rect.width.round() as u32).max(1),
            h: (self.rect.height.round() as u32).max(1),
        };
        if let Some((rw, rh)) = self.ratio {
            // Whole pixels in the exact shape (rounding can leave 1599×900).
            r.h = ((u64::from(r.w) * u64::from(rh) + u64::from(rw) / 2) / u64::from(rw)) as u32;
            r.h =
                r.h.clamp(1, size.height as u32 - r.y.min(size.height as u32 - 1));
        }
        let whole = r.w >= size.width as u32 && r.h >= size.height as u32;
        (!whole).then(|| self.turn.crop_from_shown(w, h, r))
    }

    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        let small = |s: String| text(s).size(theme::SMALL);
        let board: Element<'_, Message> = match (&self.image, self.size()) {
            // The photo under the canvas: a frame draws its images above
            // its shapes, so the photo is a layer of its own. Both fit the
            // photo the same way (contained, centred).
            (Some(handle), Some(size)) => stack![
                image(handle.clone())
                    .width(Fill)
                    .height(Fill)
                    .content_fit(iced::ContentFit::Contain),
                Canvas::new(Board {
                    size,
                    rect: self.rect,
                    ratio: self.ratio.map(|(w, h)| w as f32 / h as f32),
                })
                .width(Fill)
                .height(Fill),
            ]
            .into(),
            _ => container(small(T::CropLoading.tr(lang).to_owned()))
                .center(Fill)
                .into(),
        };
        let preset = |label: String, r: Option<(u32, u32)>| {
            let style = if self.ratio == r {
                button::primary
            } else {
                button::secondary
            };
            button(small(label))
                .style(style)
                .on_press(Message::Ratio(r))
        };
        let mut presets = row![preset(T::CropFree.tr(lang).to_owned(), None)].spacing(theme::ROW);
        let mut shapes = PRESETS.to_vec();
        if let Some(r) = self.default_ratio.filter(|r| !PRESETS.contains(r)) {
            shapes.push(r);
        }
        for (w, h) in shapes {
            presets = presets.push(preset(format!("{w}:{h}"), Some((w, h))));
        }
        let size = small(format!(
            "{} × {} px",
            self.rect.width.round(),
            self.rect.height.round()
        ));
        let bar = row![
            presets,
            button(small(T::CropReset.tr(lang).to_owned()))
                .style(button::secondary)
                .on_press(Message::Reset),
            space::horizontal(),
            size,
            button(small(T::Cancel.tr(lang).to_owned()))
                .style(button::secondary)
                .on_press(Message::Cancel),
            button(small(T::CropApply.tr(lang).to_owned()))
                .style(button::primary)
                .on_press_maybe(self.upright.map(|_| Message::Confirm)),
        ]
        .spacing(theme::FIELD)
        .align_y(iced::Center);
        column![
            text(T::CropTitle.tr(lang)).size(theme::PANEL),
            small(T::CropHint.tr(lang).to_owned()),
            board,
            bar,
        ]
        .spacing(theme::FIELD)
        .padding(theme::SCREEN_PAD)
        .into()
    }
}

fn rect_of(c: CropRect) -> Rectangle {
    Rectangle::new(
        Point::new(c.x as f32, c.y as f32),
        Size::new(c.w as f32, c.h as f32),
    )
}

/// True when `r` has the shape `rw`:`rh` to within a pixel.
fn has_ratio(r: Rectangle, (rw, rh): (u32, u32)) -> bool {
    (r.width * rh as f32 - r.height * rw as f32).abs() <= rw.max(rh) as f32
}

/// What a press on the board grabbed.
#[derive(Debug, Clone, Copy)]
enum Grip {
    /// The whole rectangle.
    Move,
    /// A corner (or a new rectangle's far corner), against a fixed one.
    Corner { fixed: Point, moving: Point },
}

/// A drag under way: what was grabbed, where, and the rectangle then.
#[derive(Debug, Clone, Copy)]
pub struct Drag {
    grip: Grip,
    from: Point,
    start: Rectangle,
}

/// The rectangle after dragging from `d.from` to `to` (photo pixels), kept
/// inside `size`, in shape `ratio` (width / height) when there is one, and
/// never smaller than [`MIN_SIDE`].
fn dragged(d: Drag, to: Point, size: Size, ratio: Option<f32>) -> Rectangle {
    let (dx, dy) = (to.x - d.from.x, to.y - d.from.y);
    match d.grip {
        Grip::Move => Rectangle {
            x: (d.start.x + dx).clamp(0.0, (size.width - d.start.width).max(0.0)),
            y: (d.start.y + dy).clamp(0.0, (size.height - d.start.height).max(0.0)),
            ..d.start
        },
        Grip::Corner { fixed, moving } => {
            let c = Point::new(
                (moving.x + dx).clamp(0.0, size.width),
                (moving.y + dy).clamp(0.0, size.height),
            );
            let (mut w, mut h) = ((c.x - fixed.x).abs(), (c.y - fixed.y).abs());
            if let Some(r) = ratio {
                if w > h * r {
                    w = h * r;
                } else {
                    h = w / r;
                }
            }
            let min = size.width.max(size.height) * MIN_SIDE;
            if w < min || h < min {
                match ratio {
                    Some(r) if r >= 1.0 => (w, h) = (min * r, min),
                    Some(r) => (w, h) = (min, min / r),
                    None => (w, h) = (w.max(min), h.max(min)),
                }
            }
            let (w, h) = (w.min(size.width), h.min(size.height));
            let x = if c.x >= fixed.x { fixed.x } else { fixed.x - w };
            let y = if c.y >= fixed.y { fixed.y } else { fixed.y - h };
            Rectangle {
                x: x.clamp(0.0, size.width - w),
                y: y.clamp(0.0, size.height - h),
                width: w,
                height: h,
            }
        }
    }
}

/// The canvas over the photo: the parts cut away dimmed, the frame with its
/// thirds and corner grips.
struct Board {
    size: Size,
    rect: Rectangle,
    ratio: Option<f32>,
}

impl Board {
    /// Photo pixels → board pixels: the scale and the photo's top-left.
    fn fit(&self, board: Size) -> (f32, Point) {
        let scale = (board.width / self.size.width).min(board.height / self.size.height);
        let left = (board.width - self.size.width * scale) / 2.0;
        let top = (board.height - self.size.height * scale) / 2.0;
        (scale, Point::new(left, top))
    }

    fn on_screen(&self, board: Size) -> Rectangle {
        let (s, o) = self.fit(board);
        Rectangle {
            x: o.x + self.rect.x * s,
            y: o.y + self.rect.y * s,
            width: self.rect.width * s,
            height: self.rect.height * s,
        }
    }

    fn to_photo(&self, board: Size, p: Point) -> Point {
        let (s, o) = self.fit(board);
        Point::new(
            ((p.x - o.x) / s).clamp(0.0, self.size.width),
            ((p.y - o.y) / s).clamp(0.0, self.size.height),
        )
    }

    /// What a press at `p` (board pixels) grabs.
    fn grip_at(&self, board: Size, p: Point) -> Grip {
        let r = self.rect;
        let corners = [
            (
                Point::new(r.x, r.y),
                Point::new(r.x + r.width, r.y + r.height),
            ),
            (
                Point::new(r.x + r.width, r.y),
                Point::new(r.x, r.y + r.height),
            ),
            (
                Point::new(r.x, r.y + r.height),
                Point::new(r.x + r.width, r.y),
            ),
            (
                Point::new(r.x + r.width, r.y + r.height),
                Point::new(r.x, r.y),
            ),
        ];
        let (s, o) = self.fit(board);
        for (moving, fixed) in corners {
            let at = Point::new(o.x + moving.x * s, o.y + moving.y * s);
            if (at.x - p.x).abs() <= GRIP && (at.y - p.y).abs() <= GRIP {
                return Grip::Corner { fixed, moving };
            }
        }
        if self.on_screen(board).contains(p) {
            return Grip::Move;
        }
        let start = self.to_photo(board, p);
        Grip::Corner {
            fixed: start,
            moving: start,
        }
    }
}

/// The board's own state: the drag under way, and where the pointer is.
#[derive(Debug, Default)]
pub struct Pointer {
    drag: Option<Drag>,
    /// The last position the pointer moved to (window pixels). Events come
    /// in batches when the window is busy, each with the cursor as it is at
    /// the batch's end: a press is placed where the moves before it left
    /// the pointer, not where later moves took it.
    at: Option<Point>,
}

impl canvas::Program<Message> for Board {
    type State = Pointer;

    fn update(
        &self,
        state: &mut Pointer,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let board = bounds.size();
        let inside = |p: Point| Point::new(p.x - bounds.x, p.y - bounds.y);
        match event {
            canvas::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                let at = state.at.or(cursor.position())?;
                if !bounds.contains(at) {
                    return None;
                }
                let p = inside(at);
                state.drag = Some(Drag {
                    grip: self.grip_at(board, p),
                    from: self.to_photo(board, p),
                    start: self.rect,
                });
                Some(canvas::Action::capture())
            }
            canvas::Event::Mouse(mouse::Event::CursorMoved { position }) => {
                state.at = Some(*position);
                let d = state.drag?;
                // Outside the board the drag goes on, held to the photo's edge.
                let r = dragged(
                    d,
                    self.to_photo(board, inside(*position)),
                    self.size,
                    self.ratio,
                );
                Some(canvas::Action::publish(Message::Drag(r)).and_capture())
            }
            canvas::Event::Mouse(mouse::Event::CursorLeft) => {
                state.at = None;
                None
            }
            canvas::Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)) => {
                state.drag.take().map(|_| canvas::Action::capture())
            }
            canvas::Event::Keyboard(keyboard::Event::KeyPressed {
                key: keyboard::Key::Named(key),
                ..
            }) => match key {
                Named::Enter => Some(canvas::Action::publish(Message::Confirm)),
                Named::Escape => Some(canvas::Action::publish(Message::Cancel)),
                _ => None,
            },
            _ => None,
        }
    }

    fn draw(
        &self,
        _state: &Pointer,
        renderer: &iced::Renderer,
        _theme: &iced::Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let board = bounds.size();
        let mut frame = Frame::new(renderer, board);
        let (s, o) = self.fit(board);
        let photo = Rectangle::new(o, Size::new(self.size.width * s, self.size.height * s));
        let r = self.on_screen(board);
        let shade = Color::from_rgba(0.0, 0.0, 0.0, 0.55);
        let bands = [
            Rectangle::new(o, Size::new(photo.width, r.y - o.y)),
            Rectangle::new(
                Point::new(o.x, r.y + r.height),
                Size::new(photo.width, photo.y + photo.height - r.y - r.height),
            ),
            Rectangle::new(Point::new(o.x, r.y), Size::new(r.x - o.x, r.height)),
            Rectangle::new(
                Point::new(r.x + r.width, r.y),
                Size::new(photo.x + photo.width - r.x - r.width, r.height),
            ),
        ];
        for b in bands.iter().filter(|b| b.width > 0.0 && b.height > 0.0) {
            frame.fill_rectangle(b.position(), b.size(), shade);
        }
        let thin = Stroke::default()
            .with_color(Color::from_rgba(1.0, 1.0, 1.0, 0.6))
            .with_width(1.0);
        for i in 1..3 {
            let f = i as f32 / 3.0;
            let x = r.x + r.width * f;
            let y = r.y + r.height * f;
            frame.stroke(
                &canvas::Path::line(Point::new(x, r.y), Point::new(x, r.y + r.height)),
                thin,
            );
            frame.stroke(
                &canvas::Path::line(Point::new(r.x, y), Point::new(r.x + r.width, y)),
                thin,
            );
        }
        frame.stroke_rectangle(
            r.position(),
            r.size(),
            Stroke::default().with_color(Color::WHITE).with_width(2.0),
        );
        let g = GRIP * 0.7;
        for (x, y) in [
            (r.x, r.y),
            (r.x + r.width, r.y),
            (r.x, r.y + r.height),
            (r.x + r.width, r.y + r.height),
        ] {
            frame.fill_rectangle(
                Point::new(x - g / 2.0, y - g / 2.0),
                Size::new(g, g),
                Color::WHITE,
            );
        }
        vec![frame.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        state: &Pointer,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        let drag = &state.drag;
        let grip = match drag {
            Some(d) => d.grip,
            None => match cursor.position_in(bounds) {
                Some(p) => self.grip_at(bounds.size(), p),
                None => return mouse::Interaction::default(),
            },
        };
        match grip {
            Grip::Move if drag.is_some() => mouse::Interaction::Grabbing,
            Grip::Move => mouse::Interaction::Grab,
            Grip::Corner { fixed, moving } if fixed == moving => mouse::Interaction::Crosshair,
            Grip::Corner { fixed, moving } => {
                if (moving.x > fixed.x) == (moving.y > fixed.y) {
                    mouse::Interaction::ResizingDiagonallyDown
                } else {
                    mouse::Interaction::ResizingDiagonallyUp
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHOTO: Size = Size::new(4000.0, 3000.0);

    fn drag(grip: Grip, from: Point, start: Rectangle) -> Drag {
        Drag { grip, from, start }
    }

    #[test]
    fn dragging_a_corner_keeps_the_shape_and_stays_inside() {
        let start = Rectangle::new(Point::new(0.0, 375.0), Size::new(4000.0, 2250.0));
        let corner = Grip::Corner {
            fixed: Point::new(0.0, 375.0),
            moving: Point::new(4000.0, 2625.0),
        };
        let d = drag(corner, Point::new(4000.0, 2625.0), start);
        let r = dragged(d, Point::new(2000.0, 2000.0), PHOTO, Some(16.0 / 9.0));
        assert!((r.width / r.height - 16.0 / 9.0).abs() < 1e-3, "{r:?}");
        assert_eq!((r.x, r.y), (0.0, 375.0));
        assert!(r.width <= 2000.0 + 1e-3);
        // Past the photo's edge: held to it.
        let r = dragged(d, Point::new(9000.0, 9000.0), PHOTO, Some(16.0 / 9.0));
        assert!(r.x + r.width <= 4000.0 + 1e-3 && r.y + r.height <= 3000.0 + 1e-3);
        assert!((r.width / r.height - 16.0 / 9.0).abs() < 1e-3);
    }

    #[test]
    fn moving_stays_inside_and_a_new_rectangle_follows_the_pointer() {
        let start = Rectangle::new(Point::new(100.0, 100.0), Size::new(1600.0, 900.0));
        let d = drag(Grip::Move, Point::new(500.0, 500.0), start);
        let r = dragged(d, Point::new(9000.0, -50.0), PHOTO, None);
        assert_eq!((r.x, r.y, r.width, r.height), (2400.0, 0.0, 1600.0, 900.0));
        let p = Point::new(1000.0, 1000.0);
        let new = Grip::Corner {
            fixed: p,
            moving: p,
        };
        let r = dragged(drag(new, p, start), Point::new(400.0, 1800.0), PHOTO, None);
        assert_eq!((r.x, r.y, r.width, r.height), (400.0, 1000.0, 600.0, 800.0));
        // A click without a drag never leaves a sliver.
        let r = dragged(drag(new, p, start), p, PHOTO, None);
        assert!(r.width >= 4000.0 * MIN_SIDE && r.height >= 4000.0 * MIN_SIDE);
    }

    #[test]
    fn presets_fill_the_photo_and_confirm_gives_the_exact_shape() {
        let p = Photo {
            id: 1,
            file: "a.jpg".into(),
            edit: PhotoEdit {
                rotate: 1,
                crop: None,
            },
            ..Photo::default()
        };
        let (mut c, _) = Crop::open(Path::new("/nonexistent"), &p, Some((16, 9)));
        let copies = PhotoCopies {
            preview: Vec::new(),
            thumb: None,
            long_side: 4000,
        };
        c.update(Message::Loaded(Ok((copies, (4000, 3000)))));
        // The cover starts at its ratio, on the photo as shown (turned: 3000×4000).
        assert_eq!(c.ratio, Some((16, 9)));
        let Action::Apply(1, Some(crop)) = c.update(Message::Confirm) else {
            panic!("no crop");
        };
        let shown = PhotoEdit {
            rotate: 1,
            crop: Some(crop),
        }
        .shown_size(4000, 3000);
        assert_eq!(shown, (3000, 1688));
        c.update(Message::Reset);
        assert!(matches!(c.update(Message::Confirm), Action::Apply(1, None)));
    }
}
