#pragma once

#include "security/actor.h"

#include <QObject>
#include <QSet>

#include <functional>

class QLabel;
class QTimer;

namespace cityops {

class LiveCity;

/// What must not go unnoticed, made noticed (ISA-18.2 annunciation): a critical or major incident nobody has
/// acknowledged, an incident past its SLA, a high-priority alarm unacknowledged, an order waiting for a
/// supervisor's approval. Each new one asks for a sound of its priority (the window plays it; tests watch the
/// request), raises the window's urgency hint, and the banner counts what is still unacknowledged until it is. The
/// sound repeats every 30 s for what is critical until someone silences it (F10) or acknowledges the items; silencing
/// never acknowledges. Nothing sounds in replay, for nobody signed in, or on a wall (a viewer).
class Annunciator : public QObject {
    Q_OBJECT
public:
    enum class Priority { Low = 0, Medium = 1, High = 2 };
    Q_ENUM(Priority)

    Annunciator(LiveCity &live, QLabel &banner, QObject *parent = nullptr);

    /// Who is at the console (the approvals waiting are a supervisor's business; a viewer hears nothing).
    void setActor(const Actor &actor);
    /// Looks at the books now (the console calls this when incidents, alarms or orders change).
    void review();
    /// F10: stops the sound until something new arrives; the banner stays until the items are acknowledged.
    void silence();
    bool isSilenced() const { return m_silenced; }
    /// What the banner says (empty when nothing waits).
    /// The banner as shown (rich text: each count kept on one line).
    QString bannerText() const;
    /// What the banner says, one count a part, and the sound hint last; empty when nothing waits.
    QStringList bannerParts() const;
    int waiting() const { return m_counts[0] + m_counts[1] + m_counts[2] + m_counts[3] + m_counts[4]; }

Q_SIGNALS:
    /// A sound should be played now.
    void soundRequested(cityops::Annunciator::Priority priority);
    /// The window should ask for attention (QApplication::alert).
    void attentionRequested();

private:
    void repeat();

    LiveCity &m_live;
    QLabel &m_banner;
    QTimer *m_repeat;
    Actor m_actor;
    QSet<QString> m_known;       ///< what has already been annunciated ("i17", "a9", "s17", "o3")
    bool m_silenced = false;
    bool m_primed = false;       ///< the first look only learns what is there (a sign-in is not an alarm flood)
    /// Unacknowledged critical/major incidents, overdue, high alarms, approvals, and (for a supervisor) orders of a
    /// console that is gone still holding devices here (ops/goneconsole.h: only a supervisor may release them).
    int m_counts[5] = {0, 0, 0, 0, 0};
    Priority m_loudest = Priority::Low;
};

/// Plays the annunciator's sounds with Qt Multimedia: three short tones (generated as WAV files on first use, in
/// the cache folder), distinct by pitch and rhythm, louder for higher priority.
class AnnunciatorSound : public QObject {
    Q_OBJECT
public:
    explicit AnnunciatorSound(QObject *parent = nullptr);
    void play(Annunciator::Priority priority);

private:
    QObject *m_effects[3] = {nullptr, nullptr, nullptr};
};

} // namespace cityops
