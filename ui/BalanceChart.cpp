#include "BalanceChart.h"

#include "AmountText.h"
#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace billing::ui {
namespace {

constexpr int margin = 12;
constexpr int labelWidth = 90;
constexpr double dotRadius = 3.5;
constexpr int heightSteps = 10000;

} // namespace

BalanceChart::BalanceChart(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(160);
    setMouseTracking(true);
}

void BalanceChart::setPoints(const QList<BalancePoint> &points, int decimals)
{
    m_points = points;
    m_decimals = decimals;
    m_low = Money();
    m_high = Money();
    for (const BalancePoint &point : points) {
        m_low = std::min(m_low, point.balance);
        m_high = std::max(m_high, point.balance);
    }
    update();
}

QRectF BalanceChart::plotArea() const
{
    return QRectF(rect()).adjusted(margin + labelWidth, margin, -margin, -margin - 16);
}

double BalanceChart::heightOf(const Money &balance) const
{
    const Units span = m_high.units() - m_low.units();
    if (span == 0)
        return 0.5;
    // Drawing only: integer steps of the span, turned into a fraction for the pixel grid.
    const Units steps = (balance.units() - m_low.units()) * heightSteps / span;
    return static_cast<double>(steps.convert_to<int>()) / heightSteps;
}

QPointF BalanceChart::dotAt(qsizetype index) const
{
    const QRectF area = plotArea();
    const qint64 first = m_points.first().timeMs;
    const qint64 last = m_points.last().timeMs;
    // Equal times (one command's legs) would stack: fall back to even spacing by order.
    const double x =
        last > first ? double(m_points.at(index).timeMs - first) / double(last - first)
                     : (m_points.size() > 1 ? double(index) / double(m_points.size() - 1) : 0.5);
    return {area.left() + x * area.width(),
            area.bottom() - heightOf(m_points.at(index).balance) * area.height()};
}

void BalanceChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    const QRectF area = plotArea();
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(area);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRectF(margin, area.top() - 6, labelWidth - 6, 14), Qt::AlignRight,
                     AmountText::shown(m_high.toString(m_decimals)));
    painter.drawText(QRectF(margin, area.bottom() - 8, labelWidth - 6, 14), Qt::AlignRight,
                     AmountText::shown(m_low.toString(m_decimals)));
    if (m_points.isEmpty()) {
        painter.drawText(area, Qt::AlignCenter, tr("No balance changes yet."));
        return;
    }
    const auto time = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width() / 2, 14), Qt::AlignLeft,
                     time(m_points.first().timeMs));
    painter.drawText(QRectF(area.center().x(), area.bottom() + 2, area.width() / 2, 14),
                     Qt::AlignRight, time(m_points.last().timeMs));
    // The zero line, where it is inside the range.
    if (m_low.isNegative() && m_high.isPositive()) {
        const double zero = area.bottom() - heightOf(Money()) * area.height();
        painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
        painter.drawLine(QPointF(area.left(), zero), QPointF(area.right(), zero));
    }
    QPainterPath steps;
    steps.moveTo(dotAt(0));
    for (qsizetype i = 1; i < m_points.size(); ++i) {
        const QPointF dot = dotAt(i);
        steps.lineTo(dot.x(), steps.currentPosition().y());
        steps.lineTo(dot);
    }
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawPath(steps);
    painter.setBrush(palette().color(QPalette::Highlight));
    for (qsizetype i = 0; i < m_points.size(); ++i)
        painter.drawEllipse(dotAt(i), dotRadius, dotRadius);
}

void BalanceChart::mousePressEvent(QMouseEvent *event)
{
    qsizetype nearest = -1;
    double best = dotRadius * 3;
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        const double distance = QLineF(dotAt(i), event->position()).length();
        if (distance <= best) {
            best = distance;
            nearest = i;
        }
    }
    if (nearest < 0)
        return;
    const BalancePoint &point = m_points.at(nearest);
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("Position %1: balance %2")
                           .arg(point.position)
                           .arg(AmountText::shown(point.balance.toString(m_decimals))),
                       this);
    Q_EMIT pointClicked(point.position);
}

} // namespace billing::ui
