#pragma once

#include "city/citymodel.h"

#include <QString>

#include <vector>

namespace cityops {

/// A signal never takes a green straight to red: every movement that is green now and will not be green next
/// shows yellow first (the change interval, as a real controller's conflict monitor demands). Returns what the
/// signal shows meanwhile — `showing` with those links yellow — or an empty string when nothing needs clearing
/// (every green now stays green in each state of `next`). States of another length than `showing` count as all red.
QString changeIntervalState(const QString &showing, const std::vector<QString> &next);

/// The first other phase after `phase` (cyclically) that shows some movement green; the next phase when none does.
int nextGreenPhase(const SignalProgram &program, int phase);

/// How long a program's yellow lasts: its longest phase that only ends greens (yellow, no green), else 3 s.
int yellowSeconds(const SignalProgram &program);

} // namespace cityops
