/**
 * Internal: not API, may change in any release. The Markdown and JSON renderings of plans and fleet plans
 * ({@code Plan.toMarkdown()}, {@code Plan.toJson()} call them) and the planner's helpers.
 */
package io.github.runtimeestimator.planner.internal;
