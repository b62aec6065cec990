/**
 * The workings of the HTTP adapter; not API. Handlers translate JSON into use-case calls and
 * hand the {@link dev.tollgate.port.api.Outcome} to {@link dev.tollgate.adapter.http.internal.Answers},
 * which writes the value or the refusal; {@link dev.tollgate.adapter.http.internal.ProblemMapper}
 * is the one place that turns refusals and failures into problem documents.
 */
package dev.tollgate.adapter.http.internal;
