#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cityops::bench {

/// `cityops-bench signin [--runs N]`: the cost of signing in. One Argon2id verification at the directory's default
/// (OWASP) cost, and a whole sign-in at a live console — the sign-in card's check through AccessControl on a
/// MainWindow over the embedded simulator, from the call until the console acts as that person. The rest is the
/// difference (directory lookup, failure bookkeeping, the console's update).
int runSignInBench(const QCommandLineParser &parser, const QString &cityPath);

} // namespace cityops::bench
