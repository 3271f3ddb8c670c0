"""Admin-only data-lifecycle pages: look up one sender, export or delete everything held about them."""
