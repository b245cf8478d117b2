-- Coupon pools: a code is reserved to an activity's pool at publish and issued to one win for good
-- (a win of several units holds several codes, so winId is no longer unique).
DROP INDEX "CouponCode_winId_key";
ALTER TABLE "CouponCode" ADD COLUMN "activityId" UUID, ADD COLUMN "issuedAt" TIMESTAMP(3);
CREATE INDEX "CouponCode_activityId_prizeId_idx" ON "CouponCode"("activityId", "prizeId");
CREATE INDEX "CouponCode_winId_idx" ON "CouponCode"("winId");
