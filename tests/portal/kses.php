<?php
// Runs WordPress's own wp_kses_post() (Debian's wordpress package, unpacked)
// on stdin and prints the result. No database and no WordPress bootstrap:
// kses.php is loaded as it is, wp_allowed_protocols() is taken from
// WordPress's functions.php, and only the plugin-hook functions kses calls
// are stubbed (they return the value unfiltered, as with no plugin).
// Usage: php kses.php WORDPRESS_DIR < fragment.html
$wp = rtrim($argv[1], '/');
define('ABSPATH', $wp . '/');
define('WPINC', 'wp-includes');

function apply_filters($tag, $value, ...$args) { return $value; }
function add_filter(...$args) { return true; }
function add_action(...$args) { return true; }
function has_filter(...$args) { return false; }
function remove_filter(...$args) { return true; }
function do_action(...$args) {}
function did_action(...$args) { return 1; }

// wp_allowed_protocols() and the few helpers kses calls, cut out of
// WordPress's own files by name.
function wp_function($file, $name) {
    $src = file_get_contents($file);
    $at = strpos($src, "function $name(");
    if ($at === false) { fwrite(STDERR, "$name not found in $file\n"); exit(3); }
    $depth = 0; $i = strpos($src, '{', $at); $start = $at;
    for (; $i < strlen($src); $i++) {
        if ($src[$i] === '{') $depth++;
        if ($src[$i] === '}') { $depth--; if ($depth === 0) break; }
    }
    return substr($src, $start, $i - $start + 1);
}
foreach ([
    ['functions.php', 'wp_allowed_protocols'],
] as [$f, $name]) {
    eval(wp_function("$wp/wp-includes/$f", $name));
}

require "$wp/wp-includes/kses.php";
echo wp_kses_post(stream_get_contents(STDIN));
