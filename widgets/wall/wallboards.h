#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include "labels.h"
#include "wall/walltile.h"

#include <QPixmap>

#include <memory>

class QCustomPlot;

namespace cityops {

/// Open incidents, escalated first: severity in shape, word and colour, what and where, and the SLA countdown in
/// large type ("ACK IN 4:12", "OVERDUE 2:10").
class IncidentBoard : public WallTile {
    Q_OBJECT
public:
    IncidentBoard(WallFeed &feed, const WallLook &look, QWidget *parent = nullptr);
    QString title() const override;
    /// The row under an incident's severity: "#id kind · street · district", fitted to `width` pixels.
    QString whatAndWhere(const Incident &incident, int width);

protected:
    void paintBody(QPainter &painter, const QRect &body) override;
    /// Where the incidents go: below the line (`gapRow`) saying what the board may lack since the wall started
    /// (WallFeed::startGap), when there is something to say.
    RowFlow incidentsFlow(const QRect &body, QRect *gapRow = nullptr) const;

private:
    /// How many incidents the body has room for (the last row may say "+ N more" instead).
    int rowsThatFit(const QRect &body) const;
    /// What the board shows, apart from the countdowns: the count and the rows it has room for. Incidents change
    /// many times a second in a busy city; the board repaints only when what it shows changed (and each second).
    QByteArray shownContent() const;
    void contentMayHaveChanged();
    /// Where an incident is, in words (Labels::where: the street, near one, and the district), found once per incident.
    const Labels::Whereabouts &placeOf(const Incident &incident);
    QHash<std::uint32_t, Labels::Whereabouts> m_places;
    QByteArray m_shown;
    QElapsedTimer m_sincePaint;   ///< at most four content repaints a second: nobody reads a board faster
    QTimer m_paintLater;
};

/// Active alarms by priority, the alarm rate against EEMUA 191's manageable one, and a flood banner.
class AlarmBoard : public WallTile {
    Q_OBJECT
public:
    AlarmBoard(WallFeed &feed, const WallLook &look, QWidget *parent = nullptr);
    QString title() const override;

protected:
    void paintBody(QPainter &painter, const QRect &body) override;
};

/// The city's load against its rating (a QCustomPlot curve of the last hour, thick line, large ticks) and the
/// busiest feeders.
class EnergyBoard : public WallTile {
    Q_OBJECT
public:
    EnergyBoard(WallFeed &feed, const WallLook &look, QWidget *parent = nullptr);
    ~EnergyBoard() override;
    QString title() const override;

protected:
    void paintBody(QPainter &painter, const QRect &body) override;

private:
    std::unique_ptr<QCustomPlot> m_plot;   ///< never shown: rendered into the tile, under the stale overlay
};

/// The clock, the age of the newest data, and the figures a room watches: signals in fault or flashing, devices not
/// reporting, incidents overdue, the field link.
class KeyFiguresBoard : public WallTile {
    Q_OBJECT
public:
    KeyFiguresBoard(WallFeed &feed, const WallLook &look, QWidget *parent = nullptr);
    QString title() const override;

protected:
    void paintBody(QPainter &painter, const QRect &body) override;
};

/// The clock alone, large, with the age of the newest data.
class ClockTile : public WallTile {
    Q_OBJECT
public:
    ClockTile(WallFeed &feed, const WallLook &look, QWidget *parent = nullptr);
    QString title() const override;
    bool showsFieldData() const override { return false; }

protected:
    void paintBody(QPainter &painter, const QRect &body) override;
};

} // namespace cityops
