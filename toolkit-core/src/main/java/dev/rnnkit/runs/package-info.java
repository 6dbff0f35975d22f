/**
 * Reading finished and unfinished run directories back, and comparing them: {@link dev.rnnkit.runs.RunSummary} reads
 * one run, {@link dev.rnnkit.runs.Leaderboard} ranks many by one metric (a table, CSV and JSON), and
 * {@link dev.rnnkit.runs.LeaderboardChart} plots the metric against each setting that differs between them.
 */
package dev.rnnkit.runs;
