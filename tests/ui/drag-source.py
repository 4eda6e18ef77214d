#!/usr/bin/python3
"""A stand-in for the file manager in GUI tests: a small GTK 4 window
(180x80, at the top left without a window manager) whose label can be
dragged, carrying the files given on the command line as a GdkFileList,
the way Nautilus offers them.

    drag-source.py FILE..."""

import sys

import gi

gi.require_version("Gtk", "4.0")
gi.require_version("Gdk", "4.0")
from gi.repository import Gdk, Gio, GObject, Gtk  # noqa: E402

PATHS = sys.argv[1:]


def prepare(source, x, y):
    files = [Gio.File.new_for_path(p) for p in PATHS]
    value = GObject.Value(Gdk.FileList, Gdk.FileList.new_from_array(files))
    return Gdk.ContentProvider.new_for_value(value)


def activate(app):
    window = Gtk.ApplicationWindow(application=app, title="Drag Source")
    window.set_default_size(180, 80)
    label = Gtk.Label(label="Drag these files")
    source = Gtk.DragSource()
    source.set_actions(Gdk.DragAction.COPY)
    source.connect("prepare", prepare)
    label.add_controller(source)
    window.set_child(label)
    window.present()


app = Gtk.Application(application_id="io.github.davscope.DragSourceForTests",
                      flags=Gio.ApplicationFlags.NON_UNIQUE)
app.connect("activate", activate)
sys.exit(app.run([]))
