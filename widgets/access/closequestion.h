#pragma once

#include "state/citystatesource.h"
#include "store/eventstore.h"

#include <QMessageBox>

#include <functional>
#include <optional>
#include <vector>

class QPushButton;

namespace cityops {

class GreenWaveRun;

/// What closing this desk's console would leave undone.
struct ClosingCosts {
    QStringList lines;   ///< one sentence each, in the desk's language, the most pressing first; empty: nothing
    QString record;      ///< the same, counted in the record's English ("left 1 order under way, …"); empty: nothing
    int waves = 0;       ///< green waves under way (ReleaseBeforeClose can stop them first)
};

/// What the console is doing that closing it would cut short.
struct ClosingContext {
    const CityStateSource &source;
    std::function<bool(std::uint32_t)> issuedHere;   ///< orders this run of the console follows (Engine::issuedHere)
    std::vector<GreenWaveRun *> waves;               ///< this console's green waves
    std::optional<EventStore::Stats> store;          ///< the store recorded into, if any
    QString exportUnderWay;                          ///< the window of an export not finished, or empty
};

/// Orders this run issued and still under way (their results go unfollowed; a restart marks those without one timed
/// out), orders waiting for approval (they wait again after a restart), green waves under way (no further signal is
/// pre-empted; the held ones are released by their controllers within 3 min), an export not finished (stopped), and
/// the store: its check still running (closing waits for it) or events it could not write (lost).
ClosingCosts closingCosts(const ClosingContext &context);

/// The question before the console closes — a control room's console is not closed by a stray Ctrl+Q or a click on
/// the wrong corner: what closing stops, and what it leaves undone. "Keep running" is the default (Enter, Escape).
/// With green waves under way and a person here who may stop them, a third answer: stop them and close once their
/// signals are released (ReleaseBeforeClose).
class CloseQuestion : public QMessageBox {
    Q_OBJECT
public:
    /// `signedIn`: who is signed in (closing signs them out), or empty.
    /// `mayStopWaves`: the person signed in may stop this console's green waves (offered only when there are some).
    CloseQuestion(const ClosingCosts &costs, const QString &signedIn, bool mayStopWaves, QWidget *parent = nullptr);
    QPushButton *closeButton() const { return m_close; }
    /// "Stop the green waves, then close", or null when not offered.
    QPushButton *stopWavesButton() const { return m_stopWaves; }
    QPushButton *keepButton() const { return m_keep; }

private:
    QPushButton *m_close;
    QPushButton *m_stopWaves = nullptr;
    QPushButton *m_keep;
};

} // namespace cityops
