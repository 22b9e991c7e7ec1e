/**
 * A QR code as inline SVG, drawn from the `qrcode` package's module matrix (no canvas, no
 * innerHTML). It is an image with a name; the same content is offered as text beside it, for
 * screen-reader users and for typing into an app by hand.
 */
import QRCode from 'qrcode';
import { useMemo } from 'react';

export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const parts: string[] = [];
    for (let y = 0; y < modules.size; y += 1) {
      for (let x = 0; x < modules.size; x += 1) if (modules.get(x, y)) parts.push(`M${x + 4} ${y + 4}h1v1h-1z`);
    }
    return { d: parts.join(''), box: modules.size + 8 };
  }, [value]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${path.box} ${path.box}`} shapeRendering="crispEdges" style={{ background: '#fff', display: 'block' }}>
      <path d={path.d} fill="#000" />
    </svg>
  );
}
