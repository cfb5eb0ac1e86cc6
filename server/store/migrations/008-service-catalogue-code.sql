-- 政务服务事项编码: an optional catalogue code per service, so a region can compare the same item across halls
ALTER TABLE services ADD COLUMN catalogue_code TEXT;
