#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/cli by `npm ci` (the prepare script). A static import, so
// Node loads the entry with this file in one module graph.
import '../dist/cli/index.js'
