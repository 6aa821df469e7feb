#include "ops/annunciator.h"

#include "livecity.h"
#include "ops/goneconsole.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSoundEffect>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>
#include <QtEndian>

#include <cmath>

namespace cityops {

Annunciator::Annunciator(LiveCity &live, QLabel &banner, QObject *parent)
    : QObject(parent), m_live(live), m_banner(banner), m_repeat(new QTimer(this))
{
    m_repeat->setInterval(30'000);
    connect(m_repeat, &QTimer::timeout, this, &Annunciator::repeat);
    m_repeat->start();
    m_banner.hide();
}

void Annunciator::setActor(const Actor &actor)
{
    m_actor = actor;
    m_primed = false;   // a new person learns what is there from the banner, not from a burst of sound
    review();
}

void Annunciator::review()
{
    const bool listening = m_live.isLive() && m_actor.isValid() && m_actor.highestRole() != Role::Viewer;
    std::fill(std::begin(m_counts), std::end(m_counts), 0);
    QSet<QString> now;
    Priority newest = Priority::Low;
    bool fresh = false, critical = false;
    auto note = [&](const QString &key, Priority p) {
        now.insert(key);
        if (!m_known.contains(key)) {
            fresh = true;
            newest = std::max(newest, p);
        }
    };
    if (listening) {
        const CityStateSource &s = m_live.source();
        const bool scoped = m_actor.highestRole() == Role::Responder;
        std::vector<Incident> incidents;
        s.incidents().snapshot(incidents);
        for (const Incident &i : incidents) {
            if (!i.isOpen() || (scoped && !m_actor.districts.contains(i.district)))
                continue;
            if (i.state == IncidentState::New && i.severity >= IncidentSeverity::Major) {
                ++m_counts[0];
                critical = critical || i.severity == IncidentSeverity::Critical;
                note(QStringLiteral("i%1").arg(i.id), i.severity == IncidentSeverity::Critical ? Priority::High : Priority::Medium);
            }
            if (i.escalated()) {
                ++m_counts[1];
                note(QStringLiteral("s%1").arg(i.id), Priority::Medium);
            }
        }
        if (!scoped) {
            std::vector<Alarm> alarms;
            s.alarms().snapshot(alarms);
            for (const Alarm &a : alarms)
                if (a.annunciated() && !a.acknowledged && a.active && a.priority == AlarmPriority::High) {
                    ++m_counts[2];
                    note(QStringLiteral("a%1").arg(a.id), Priority::Medium);
                }
        }
        if (m_actor.highestRole() >= Role::Supervisor) {
            std::vector<Order> orders;
            s.orders().snapshot(orders);
            const std::vector<OrderBook::ConsoleSeen> roll = s.orders().consoles();
            for (const Order &o : orders)
                // Another console's order is approved at that console: nothing for this desk to do.
                if (o.stage == CommandStage::AwaitingApproval && o.requestedBy != m_actor.user && !o.isAnotherConsoles()) {
                    ++m_counts[3];
                    note(QStringLiteral("o%1").arg(o.id), Priority::Low);
                } else if (heldByGoneConsole(o, roll, s.nowMs())) {
                    ++m_counts[4];
                    note(QStringLiteral("g%1").arg(o.id), Priority::Low);
                }
        }
    }
    if (fresh && m_primed) {
        m_silenced = false;
        Q_EMIT soundRequested(newest);
        Q_EMIT attentionRequested();
    }
    m_known = now;
    m_primed = listening;
    m_loudest = critical ? Priority::High : Priority::Medium;
    const QString text = bannerText();
    m_banner.setVisible(!text.isEmpty());
    m_banner.setText(text);
    // Red only while a critical incident waits; amber for the rest. The text says it too (never colour alone).
    m_banner.setStyleSheet(critical ? QStringLiteral("QLabel { background: #ff3b30; color: black; font-weight: bold; padding: 4px 8px; }")
                                    : QStringLiteral("QLabel { background: #ffb000; color: black; font-weight: bold; padding: 4px 8px; }"));
}

QString Annunciator::bannerText() const
{
    // Each count, and the hint, kept on one line: a narrow desk wraps the banner between them, never leaving a word
    // of a count (or "sound") alone on a line of its own.
    const QStringList parts = bannerParts();
    if (parts.isEmpty())
        return {};
    QStringList kept;
    for (const QString &part : parts)
        kept << QStringLiteral("<span style=\"white-space:nowrap\">%1</span>").arg(part.toHtmlEscaped());
    return QStringLiteral("<html>▲ ") + kept.mid(0, kept.size() - 1).join(QStringLiteral(" · ")) + QStringLiteral("&nbsp; ") + kept.last()
           + QStringLiteral("</html>");
}

QStringList Annunciator::bannerParts() const
{
    QStringList parts;
    if (m_counts[0])
        parts << tr("%n critical or major incident(s) not acknowledged", nullptr, m_counts[0]);
    if (m_counts[1])
        parts << tr("%n incident(s) past their deadline", nullptr, m_counts[1]);
    if (m_counts[2])
        parts << tr("%n high-priority alarm(s) not acknowledged", nullptr, m_counts[2]);
    if (m_counts[3])
        parts << tr("%n order(s) waiting for your approval", nullptr, m_counts[3]);
    if (m_counts[4])
        parts << tr("%n order(s) of a console that is gone or out of the keyring hold devices here", nullptr, m_counts[4]);
    if (!parts.isEmpty())
        parts << (m_silenced ? tr("(sound silenced)") : tr("— F10 silences the sound"));
    return parts;
}

void Annunciator::silence()
{
    m_silenced = true;
    m_banner.setText(bannerText());
}

void Annunciator::repeat()
{
    if (!m_silenced && m_counts[0] > 0 && m_loudest == Priority::High && m_live.isLive())
        Q_EMIT soundRequested(Priority::High);
}

namespace {
/// A short PCM WAV of `beeps` tones at `hz`, written once to the cache folder.
QString toneFile(const QString &name, double hz, int beeps, double volume)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(folder);
    QString path = QDir(folder).filePath(name);   // not const: returned by move
    if (QFile::exists(path))
        return path;
    constexpr int kRate = 22'050;
    QByteArray pcm;
    for (int b = 0; b < beeps; ++b) {
        for (int i = 0; i < kRate / 6; ++i) {   // 167 ms tone
            const double envelope = std::min(1.0, std::min(i, kRate / 6 - i) / 200.0);
            const auto v = static_cast<qint16>(volume * envelope * 32767.0 * std::sin(2.0 * M_PI * hz * i / kRate));
            char le[2];
            qToLittleEndian(v, le);
            pcm.append(le, 2);
        }
        pcm.append(QByteArray(qsizetype(kRate / 10) * 2, '\0'));   // 100 ms gap
    }
    QByteArray wav("RIFF");
    auto u32 = [&wav](quint32 v) { char b[4]; qToLittleEndian(v, b); wav.append(b, 4); };
    auto u16 = [&wav](quint16 v) { char b[2]; qToLittleEndian(v, b); wav.append(b, 2); };
    u32(36 + quint32(pcm.size()));
    wav.append("WAVEfmt ");
    u32(16); u16(1); u16(1); u32(kRate); u32(kRate * 2); u16(2); u16(16);
    wav.append("data");
    u32(quint32(pcm.size()));
    wav.append(pcm);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(wav);
    return path;
}
} // namespace

AnnunciatorSound::AnnunciatorSound(QObject *parent) : QObject(parent)
{
    const struct { const char *file; double hz; int beeps; double volume; } tones[] = {
        {"cityops-low.wav", 523.0, 1, 0.35}, {"cityops-medium.wav", 659.0, 2, 0.55}, {"cityops-high.wav", 880.0, 3, 0.8}};
    for (int i = 0; i < 3; ++i) {
        auto *effect = new QSoundEffect(this);
        effect->setSource(QUrl::fromLocalFile(toneFile(QString::fromLatin1(tones[i].file), tones[i].hz, tones[i].beeps, tones[i].volume)));
        m_effects[i] = effect;
    }
}

void AnnunciatorSound::play(Annunciator::Priority priority)
{
    if (auto *effect = qobject_cast<QSoundEffect *>(m_effects[int(priority)]))
        effect->play();
}

} // namespace cityops
