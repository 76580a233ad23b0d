terraform {
  # No provider: this module only renders JSON, so it can be evaluated (and tested) offline.
  required_version = ">= 1.3.0"
}
