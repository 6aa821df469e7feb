#include "access/accessoverlay.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace cityops {

AccessOverlay::AccessOverlay(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("accessOverlay"));
    setAttribute(Qt::WA_NoSystemBackground);
    m_card = new QWidget(this);
    m_card->setObjectName(QStringLiteral("accessCard"));
    m_card->setAttribute(Qt::WA_StyledBackground, true);
    m_card->setStyleSheet(QStringLiteral("#accessCard { background: #f2f2f2; border: 2px solid #5a5a5a; }"));
    auto *layout = new QVBoxLayout(m_card);
    layout->setContentsMargins(28, 24, 28, 24);
    layout->setSpacing(12);
    m_title = new QLabel(m_card);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_title->setFont(big);
    m_summary = new QLabel(m_card);
    m_summary->setWordWrap(true);
    QFont larger = m_summary->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.25);
    m_summary->setFont(larger);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(m_card);
    m_name->setObjectName(QStringLiteral("signInName"));
    m_password = new QLineEdit(m_card);
    m_password->setObjectName(QStringLiteral("signInPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Password"), m_password);
    m_submit = new QPushButton(m_card);
    m_submit->setDefault(true);
    m_change = new QPushButton(tr("Change password…"), m_card);
    m_change->setFlat(true);
    m_change->setAutoDefault(false);
    m_message = refusalLabel(m_card);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addLayout(form);
    layout->addWidget(m_submit);
    layout->addWidget(m_message);
    layout->addWidget(m_change, 0, Qt::AlignRight);
    m_card->setFixedWidth(460);

    m_hold = new QTimer(this);
    m_hold->setInterval(250);
    connect(m_hold, &QTimer::timeout, this, &AccessOverlay::tickHold);
    connect(m_submit, &QPushButton::clicked, this, &AccessOverlay::submit);
    connect(m_change, &QPushButton::clicked, this, [this] { Q_EMIT changePasswordRequested(m_name->text().trimmed()); });
    connect(m_password, &QLineEdit::returnPressed, this, &AccessOverlay::submit);
    connect(m_name, &QLineEdit::returnPressed, m_password, qOverload<>(&QWidget::setFocus));
    if (parent) {
        parent->installEventFilter(this);
        setGeometry(parent->rect());
    }
    hide();
}

QLabel *AccessOverlay::refusalLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(refusalStyle());
    label->hide();
    return label;
}

QString AccessOverlay::refusalStyle()
{
    // Amber with dark text: readable, and it does not pretend to be an alarm.
    return QStringLiteral("QLabel { background: #ffb000; color: black; padding: 6px; font-weight: bold; }");
}

void AccessOverlay::showSignIn(const QString &subtitle)
{
    m_title->setText(tr("Sign in to CityOps"));
    m_summary->setText(subtitle.isEmpty() ? tr("The map behind is live and read-only until someone signs in.") : subtitle);
    m_name->setEnabled(true);
    m_name->clear();
    m_password->clear();
    m_change->show();
    present(tr("Sign in"), m_name);
}

void AccessOverlay::showLocked(const QString &user, const QString &summary)
{
    m_title->setText(tr("Console locked — %1").arg(user));
    m_summary->setText(summary);
    m_name->setText(user);
    m_password->clear();
    m_change->hide();
    present(tr("Unlock"), m_password);
}

void AccessOverlay::present(const QString &action, QWidget *focus)
{
    m_submitText = action;
    m_submit->setText(m_submitText);
    m_message->hide();
    show();
    place();
    focus->setFocus();
}

void AccessOverlay::setSummary(const QString &summary) { m_summary->setText(summary); }

void AccessOverlay::showMessage(const QString &sentence)
{
    m_message->setText(sentence);
    m_message->setVisible(!sentence.isEmpty());
    m_password->clear();
    place();
}

void AccessOverlay::holdFor(qint64 ms)
{
    m_holdLeftMs = ms;
    if (ms <= 0) {
        m_hold->stop();
        m_submit->setEnabled(true);
        m_submit->setText(m_submitText);
        return;
    }
    m_submit->setEnabled(false);
    tickHold();
    m_hold->start();
}

void AccessOverlay::setChecking(bool checking)
{
    m_name->setEnabled(!checking);
    m_password->setEnabled(!checking);
    m_submit->setEnabled(!checking && m_holdLeftMs <= 0);
    m_submit->setText(checking ? tr("Checking…") : m_submitText);
    if (!checking)
        (m_password->isVisible() ? m_password : m_name)->setFocus();
}

void AccessOverlay::tickHold()
{
    if (m_holdLeftMs <= 0) {
        holdFor(0);
        return;
    }
    m_submit->setText(tr("Wait %1 s").arg((m_holdLeftMs + 999) / 1000));
    m_holdLeftMs -= m_hold->interval();
}

void AccessOverlay::submit()
{
    if (!m_submit->isEnabled())
        return;
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        showMessage(tr("Type your name."));
        m_name->setFocus();
        return;
    }
    const QByteArray password = m_password->text().toUtf8();
    m_password->clear();
    Q_EMIT submitted(name, password);
}

void AccessOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0, 0, 0, 110));   // the console stays visible behind, dimmed
}

bool AccessOverlay::eventFilter(QObject *watched, QEvent *event)
{
    // Stay on top of whatever the window adds or raises later (docks, bars), and cover all of it.
    if (watched == parentWidget() && isVisibleTo(parentWidget())
        && (event->type() == QEvent::Resize || event->type() == QEvent::Show || event->type() == QEvent::ChildAdded
            || event->type() == QEvent::ZOrderChange))
        place();
    return QWidget::eventFilter(watched, event);
}

void AccessOverlay::place()
{
    if (parentWidget())
        setGeometry(parentWidget()->rect());
    m_card->adjustSize();
    m_card->move((width() - m_card->width()) / 2, std::max(20, (height() - m_card->height()) / 3));
    raise();
}

} // namespace cityops
